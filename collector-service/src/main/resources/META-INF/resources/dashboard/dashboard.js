// Charts of the dashboard (Apache ECharts, served from the jar). Each page embeds its data as JSON;
// the charts are kept in window.dashboardCharts so a test can read what was plotted.
(function () {
  'use strict';
  window.dashboardCharts = {};
  var mb = function (v) { return (v / 1e6).toFixed(1) + ' MB'; };

  function chart(id, series, unit) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = echarts.init(el);
    c.setOption({
      animation: false,
      grid: { left: 70, right: 20, top: 40, bottom: 40 },
      legend: { top: 5 },
      tooltip: { trigger: 'axis', valueFormatter: unit },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel: { formatter: unit } },
      series: series
    });
    window.addEventListener('resize', function () { c.resize(); });
    window.dashboardCharts[id] = c;
    return c;
  }

  // Plan changes as vertical lines; hovering one shows the decision's explanation.
  function changeLines(changes) {
    return {
      symbol: 'none',
      label: { formatter: function (p) { return p.data.short; }, position: 'insideEndTop' },
      tooltip: { trigger: 'item', formatter: function (p) { return echarts.format.encodeHTML(p.data.short) + '<br>' + echarts.format.encodeHTML(p.data.reason || ''); } },
      lineStyle: { type: 'solid', width: 2, color: '#7c3aed' },
      data: changes.map(function (c) { return { xAxis: c.at, short: c.label, reason: (c.reasonCode || '') + ': ' + (c.reason || '') }; })
    };
  }

  // Each change shaded from its start to its verified end; hovering says what it cost in availability.
  function changeAreas(changes) {
    return {
      itemStyle: { color: 'rgba(124, 58, 237, 0.12)' },
      tooltip: { trigger: 'item', formatter: function (p) { return echarts.format.encodeHTML(p.name || ''); } },
      data: changes.map(function (c) {
        return [{ xAxis: c.startedAt, name: c.label + (c.availability ? ': ' + c.availability : '') }, { xAxis: c.at }];
      })
    };
  }

  function line(name, data, extra) {
    var s = { name: name, type: 'line', data: data, showSymbol: false };
    Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
    return s;
  }

  var instance = document.getElementById('chart-data');
  if (instance) {
    var d = JSON.parse(instance.textContent);
    chart('memory-chart', [
      line('used memory', d.memory, { markLine: changeLines(d.changes), markArea: changeAreas(d.changes) }),
      line('plan memory', d.memoryCapacity, { step: 'end', lineStyle: { width: 2 } }),
      line('threshold', d.memoryThreshold, { step: 'end', lineStyle: { type: 'dashed' } })
    ], mb);
    chart('connections-chart', [
      line('connections', d.connections, { markLine: changeLines(d.changes), markArea: changeAreas(d.changes) }),
      line('plan limit', d.connectionCapacity, { step: 'end', lineStyle: { width: 2 } }),
      line('threshold', d.connectionThreshold, { step: 'end', lineStyle: { type: 'dashed' } })
    ], function (v) { return String(Math.round(v)); });
  }

  var whatIf = document.getElementById('what-if-data');
  if (whatIf) {
    var w = JSON.parse(whatIf.textContent);
    var memory = w.csv.trim().split('\n').slice(1).map(function (l) {
      var f = l.split(',');
      return [Number(f[0]) * 1000, Number(f[1])];
    });
    var end = memory.length ? memory[memory.length - 1][0] : 0;
    var size = {};
    w.plans.forEach(function (p) { size[p.name] = p.memoryBytes; });
    var series = [line('trace memory', memory, { lineStyle: { width: 1 } })];
    w.policies.filter(function (p) { return p.name !== 'static-peak'; }).forEach(function (p) {
      var steps = p.timeline.map(function (e) { return [e.at * 1000, size[e.plan]]; });
      if (steps.length) { steps.push([end, steps[steps.length - 1][1]]); }
      series.push(line(p.name + ' plan', steps, { step: 'end' }));
    });
    chart('what-if-chart', series, mb);
  }
})();
