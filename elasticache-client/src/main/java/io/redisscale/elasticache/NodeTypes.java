package io.redisscale.elasticache;

/**
 * How ElastiCache node types are named in the plan catalog: one service per region ({@code elasticache-us-east-1}),
 * a plan per node type ({@code elasticache-us-east-1:cache.r7g.large}).
 */
public final class NodeTypes {
    private NodeTypes() {}

    public static String service(String region) {
        return "elasticache-" + region;
    }

    public static String plan(String region, String nodeType) {
        return service(region) + ":" + nodeType;
    }

    /** The node type a catalog plan stands for. */
    public static String nodeType(String plan) {
        return plan.substring(plan.indexOf(':') + 1);
    }
}
