package jocker.runtime;

/**
 * An {@link InitStep} that says once, in its constructor, when it runs:
 * {@code super(Phase.IDENTITY, 2)}. The chapters' steps extend it and write
 * only {@link #run}.
 */
public abstract class PhasedStep implements InitStep {

    private final Phase phase;
    private final int chapter;
    private final boolean forExec;

    /** A step of {@code chapter} in {@code phase}, for containers only, not for {@code jocker exec}. */
    protected PhasedStep(Phase phase, int chapter) {
        this(phase, chapter, false);
    }

    /** {@code forExec}: whether {@code jocker exec}'s process runs this step too. */
    protected PhasedStep(Phase phase, int chapter, boolean forExec) {
        this.phase = phase;
        this.chapter = chapter;
        this.forExec = forExec;
    }

    @Override
    public final Phase phase() {
        return phase;
    }

    @Override
    public final int chapter() {
        return chapter;
    }

    @Override
    public final boolean forExec() {
        return forExec;
    }
}
