namespace PesanAI.FunctionalTests;

/// <summary>
/// The system clock moved forward by what a test adds: the host's "now" jumps (a grace period ends) while its timers,
/// delays and stopwatches keep running in real time, so the rest of the host (dispatch, polling) goes on as before.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
