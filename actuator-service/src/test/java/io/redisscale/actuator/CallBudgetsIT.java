package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One budget per account across replicas, in the real database: callers taking at once (each in its own transaction,
 * as replicas do) spend exactly the bucket between them, never a call twice; other accounts are untouched; a 429
 * empties it for everyone.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class CallBudgetsIT {
    /** Five calls, then next to no refill: what is granted is what the bucket held. */
    static final TokenBucket.Rate FIVE = new TokenBucket.Rate(5, 0.001);

    @Inject
    CallBudgets budgets;

    @Test
    void concurrentCallersSpendTheBucketExactlyOnce() throws Exception {
        String account = CallBudgets.account("rediscloud", "key-" + UUID.randomUUID());
        int callers = 4;
        int tries = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> granted = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Integer> caller = () -> {
                    start.await();
                    int n = 0;
                    for (int t = 0; t < tries; t++) {
                        n += budgets.tryTake(account, FIVE).isZero() ? 1 : 0;
                    }
                    return n;
                };
                granted.add(pool.submit(caller));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertEquals(5, total, "24 tries at once, 5 calls in the bucket");
        } finally {
            pool.shutdownNow();
        }
        Duration pause = budgets.tryTake(account, FIVE);
        assertTrue(pause.compareTo(Duration.ofSeconds(100)) > 0, "a call back in about 1000 s: " + pause);
        assertTrue(budgets.tryTake(CallBudgets.account("rediscloud", "another-" + UUID.randomUUID()), FIVE).isZero(),
                "another account has its own budget");
    }

    @Test
    void aRateLimitEmptiesTheBudgetForEveryone() {
        String account = CallBudgets.account("rediscloud", "key-" + UUID.randomUUID());
        TokenBucket.Rate fast = TokenBucket.Rate.perMinute(60);
        assertTrue(budgets.tryTake(account, fast).isZero());
        budgets.drain(account);
        Duration pause = budgets.tryTake(account, fast);
        assertFalse(pause.isZero(), "drained: the next call waits for the refill");
        assertTrue(pause.compareTo(Duration.ofSeconds(1)) <= 0, pause.toString());
    }

    @Test
    void theAccountIsAHashOfItsKeyNeverTheKey() {
        String account = CallBudgets.account("rediscloud", "secret-account-key");
        assertFalse(account.contains("secret"));
        assertEquals(CallBudgets.account("rediscloud", "secret-account-key"), account);
        assertEquals("rediscloud:".length() + 32, account.length());
    }
}
