namespace PesanAI.CloudApiEmulator.Webhooks;

/// <summary>Counts of webhook posts, for /_emulator/stats.</summary>
internal sealed class WebhookStats
{
    private long _posted;
    private long _succeeded;
    private long _retried;
    private long _gaveUp;

    public void Posted(int? status)
    {
        Interlocked.Increment(ref _posted);
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _succeeded);
        }
    }

    public void Retried() => Interlocked.Increment(ref _retried);

    public void GaveUp() => Interlocked.Increment(ref _gaveUp);

    public object Snapshot() => new
    {
        posted = Interlocked.Read(ref _posted),
        succeeded = Interlocked.Read(ref _succeeded),
        retried = Interlocked.Read(ref _retried),
        gave_up = Interlocked.Read(ref _gaveUp),
    };

    public void Reset()
    {
        Interlocked.Exchange(ref _posted, 0);
        Interlocked.Exchange(ref _succeeded, 0);
        Interlocked.Exchange(ref _retried, 0);
        Interlocked.Exchange(ref _gaveUp, 0);
    }
}
