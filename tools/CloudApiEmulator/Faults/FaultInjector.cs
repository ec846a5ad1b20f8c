namespace PesanAI.CloudApiEmulator.Faults;

internal enum Fault
{
    None,
    Error5xx,
    DropConnection,
    TimeoutAfterAccept,
}

internal enum MediaFault
{
    None,
    Error5xx,
    WrongSha256,
    Truncate,
    Oversize,
}

/// <summary>
/// Draws the fault for each send from one seeded generator: one draw per request, so the same seed and request
/// order reproduce the same faults. Replacing the settings reseeds.
/// </summary>
internal sealed class FaultInjector(EmulatorOptions options)
{
    private readonly Lock _lock = new();
    private FaultOptions _current = options.Faults;
    private Random _random = new(options.Faults.Seed);
    private Random _mediaRandom = new(options.Faults.Seed);

    public FaultOptions Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public void Replace(FaultOptions faults)
    {
        lock (_lock)
        {
            _current = faults;
            _random = new Random(faults.Seed);
            _mediaRandom = new Random(faults.Seed);
        }
    }

    /// <summary>The fault, and a second draw to pick 500 or 503 for <see cref="Fault.Error5xx"/>.</summary>
    public (Fault Fault, bool Unavailable) Draw()
    {
        lock (_lock)
        {
            var draw = _random.NextDouble();
            var unavailable = _random.NextDouble() < 0.5;
            var fault = (draw -= _current.Error5xxRatio) < 0 ? Fault.Error5xx
                : (draw -= _current.DropConnectionRatio) < 0 ? Fault.DropConnection
                : draw - _current.TimeoutAfterAcceptRatio < 0 ? Fault.TimeoutAfterAccept
                : Fault.None;
            return (fault, unavailable);
        }
    }

    /// <summary>
    /// The fault for one media request. <c>GET /{media-id}</c> acts on 5xx and wrong SHA-256, the download on 5xx,
    /// truncate and oversize; a draw that lands on a fault the request cannot show leaves it untouched.
    /// </summary>
    public (MediaFault Fault, bool Unavailable) DrawMedia()
    {
        lock (_lock)
        {
            var draw = _mediaRandom.NextDouble();
            var unavailable = _mediaRandom.NextDouble() < 0.5;
            var fault = (draw -= _current.MediaError5xxRatio) < 0 ? MediaFault.Error5xx
                : (draw -= _current.MediaWrongSha256Ratio) < 0 ? MediaFault.WrongSha256
                : (draw -= _current.MediaTruncateRatio) < 0 ? MediaFault.Truncate
                : draw - _current.MediaOversizeRatio < 0 ? MediaFault.Oversize
                : MediaFault.None;
            return (fault, unavailable);
        }
    }
}
