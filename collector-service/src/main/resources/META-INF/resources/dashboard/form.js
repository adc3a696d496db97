// The registration form: only the fields of the chosen provider are shown, and the Redis URL may be shown as
// typed. Without scripts every field stays visible and the form works the same.
(function () {
  'use strict';
  var provider = document.getElementById('provider');
  function showProviderFields() {
    var groups = document.querySelectorAll('.provider-fields');
    for (var i = 0; i < groups.length; i++) {
      // data-provider lists the providers a group belongs to, space-separated.
      groups[i].hidden = provider !== null && groups[i].getAttribute('data-provider').split(' ').indexOf(provider.value) < 0;
    }
  }
  if (provider) {
    provider.addEventListener('change', showProviderFields);
    showProviderFields();
  }
  var show = document.getElementById('showRedisUrl');
  var url = document.getElementById('redisUrl');
  if (show && url) {
    show.addEventListener('change', function () { url.type = show.checked ? 'text' : 'password'; });
  }
}());
