package io.redisscale.actuator;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.outbox.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Carries out one command: idempotent by command id, dry run and age checked before any call. */
@ApplicationScoped
class Executor {
    private static final Logger LOG = Logger.getLogger(Executor.class);

    private final Commands commands;
    private final Replica replica;
    private final ActuatorConfig config;
    private final Clock clock;
    private final Map<InstanceConfig.Provider, PlanChanger> changers;

    Executor(Commands commands, Replica replica, ActuatorConfig config, Clock clock, Instance<PlanChanger> changers) {
        this.commands = commands;
        this.replica = replica;
        this.config = config;
        this.clock = clock;
        this.changers = changers.stream().collect(Collectors.toMap(PlanChanger::provider, Function.identity()));
    }

    void execute(ScaleCommand command) {
        if (!commands.receive(command)) {
            LOG.infof("command %s seen before: not executed again", command.commandId());
            return;
        }
        Optional<InstanceConfig> instance = replica.get(Topics.INSTANCES, command.instanceId().toString(), InstanceConfig.class);
        if (instance.isEmpty()) {
            commands.finish(command.commandId(), ScaleOutcome.Status.skipped, "instance is no longer registered");
            return;
        }
        if (config.dryRun() || instance.get().dryRun()) {
            commands.finish(command.commandId(), ScaleOutcome.Status.skipped,
                    "dry run: would have moved from " + command.fromPlan() + " to " + command.toPlan());
            return;
        }
        if (command.decidedAt().plus(config.maxCommandAge()).isBefore(clock.instant())) {
            commands.finish(command.commandId(), ScaleOutcome.Status.skipped, "decided at " + command.decidedAt()
                    + ", older than " + config.maxCommandAge().toSeconds() + " s");
            return;
        }
        commands.executing(command.commandId());
        PlanChanger changer = changers.get(instance.get().provider());
        PlanChanger.Result result = changer.change(instance.get(), command,
                (action, outcome) -> commands.attempt(command.commandId(), action, outcome));
        ScaleOutcome outcome = commands.finish(command.commandId(), ScaleOutcome.Status.valueOf(result.status().name()),
                result.detail());
        LOG.infof("command %s for %s: %s -> %s %s (%s)", command.commandId(), instance.get().name(),
                command.fromPlan(), command.toPlan(), outcome.status(), result.detail());
    }
}
