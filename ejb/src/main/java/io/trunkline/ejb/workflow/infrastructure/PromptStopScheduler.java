package io.trunkline.ejb.workflow.infrastructure;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.drools.core.time.TimerService;
import org.jbpm.process.core.timer.impl.ThreadPoolSchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jBPM's in-memory timer scheduler, made to stop without waiting for timers that are not due yet.
 *
 * <p>The scheduler jBPM picks by default keeps its pending timers when it is shut down and waits up to 10 s for them
 * to fire, so every stop of the platform with a workflow waiting on a timer (a port day, a drill window, an SLA
 * re-check) took 10 s longer. Those timers are part of the persisted session and are scheduled again when the runtime
 * starts, so dropping them at shutdown loses nothing; a timer that is running when the stop comes is still let finish.
 */
final class PromptStopScheduler extends ThreadPoolSchedulerService {

    private static final Logger LOG = LoggerFactory.getLogger(PromptStopScheduler.class);
    /** jBPM's own default pool size. */
    static final int THREADS = 3;

    PromptStopScheduler() {
        super(THREADS);
    }

    @Override
    public void initScheduler(TimerService globalTimerService) {
        super.initScheduler(globalTimerService);
        try {
            Field f = ThreadPoolSchedulerService.class.getDeclaredField("scheduler");
            f.setAccessible(true);
            ((ScheduledThreadPoolExecutor) f.get(this)).setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("workflow timers: a stop waits up to 10 s for timers not yet due ({})", e.toString());
        }
    }
}
