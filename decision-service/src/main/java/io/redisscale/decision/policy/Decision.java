package io.redisscale.decision.policy;

import io.redisscale.events.DecisionInputs;
import io.redisscale.events.Plan;
import io.redisscale.events.ReasonCode;

/**
 * What the policy decided and why.
 *
 * @param target  the plan to move to (up, down), or the plan that would be needed (cannot_scale); null on hold
 * @param code    why, for machines: the stage that settled it
 * @param reason  why, for people: one sentence with the figures
 * @param breach  the load is over a threshold of the current plan (an alert episode is open)
 */
public record Decision(Action action, Plan target, ReasonCode code, String reason, DecisionInputs inputs, boolean breach) {
    public enum Action { hold, up, down, cannot_scale }

    public boolean changesPlan() {
        return action == Action.up || action == Action.down;
    }
}
