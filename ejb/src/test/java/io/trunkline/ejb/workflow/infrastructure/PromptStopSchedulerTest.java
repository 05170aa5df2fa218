package io.trunkline.ejb.workflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jbpm.process.core.timer.impl.GlobalTimerService;
import org.jbpm.process.core.timer.impl.ThreadPoolSchedulerService;
import org.junit.jupiter.api.Test;

class PromptStopSchedulerTest {

    @Test
    void aStopDropsTimersNotYetDueAndEndsTheScheduler() throws Exception {
        PromptStopScheduler scheduler = new PromptStopScheduler();
        new GlobalTimerService(null, scheduler); // initialises the scheduler, as the runtime manager does
        ScheduledThreadPoolExecutor executor = executor(scheduler);
        assertThat(executor.getExecuteExistingDelayedTasksAfterShutdownPolicy()).isFalse();
        ScheduledFuture<?> later = executor.schedule(() -> { }, 1, TimeUnit.HOURS);

        scheduler.shutdown();

        assertThat(later.isCancelled()).isTrue();
        assertThat(executor.isTerminated()).as("nothing left to wait for").isTrue();
    }

    @Test
    void jbpmsOwnSchedulerWouldKeepThem() throws Exception {
        ThreadPoolSchedulerService plain = new ThreadPoolSchedulerService(1);
        new GlobalTimerService(null, plain);
        assertThat(executor(plain).getExecuteExistingDelayedTasksAfterShutdownPolicy()).isTrue();
        executor(plain).shutdownNow();
    }

    private static ScheduledThreadPoolExecutor executor(ThreadPoolSchedulerService s) throws Exception {
        Field f = ThreadPoolSchedulerService.class.getDeclaredField("scheduler");
        f.setAccessible(true);
        return (ScheduledThreadPoolExecutor) f.get(s);
    }
}
