package io.redisscale.decision;

import io.redisscale.decision.state.Windows;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * When the samples' partitions move between replicas, this replica's windows are dropped: an instance that
 * comes back may have had samples judged elsewhere meanwhile, so its window is rebuilt from the stored
 * samples (one query per batch) rather than trusted.
 */
@ApplicationScoped
@Identifier("samples-rebalance")
class SamplesRebalance implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(SamplesRebalance.class);
    private final Windows windows;

    SamplesRebalance(Windows windows) {
        this.windows = windows;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.infof("samples' partitions %s revoked: %d windows dropped, rebuilt from stored samples when next needed",
                    partitions, windows.held().size());
            windows.clear();
        }
    }
}
