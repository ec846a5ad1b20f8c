namespace PesanAI.FunctionalTests;

/// <summary>
/// The system clock moved forward by what a test adds: the host's "now" jumps (a grace period ends) while its timers,
/// delays and stopwatches keep running in real time, so the rest of the host (dispatch, polling) goes on as before.
/// What compares the host's time with the database's (<c>clock_timestamp()</c>, e.g. the media fetch list) waits for
/// real time to catch up: move the clock after the data is in place.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
