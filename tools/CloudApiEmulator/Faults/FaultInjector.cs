namespace PesanAI.CloudApiEmulator.Faults;

internal enum Fault
{
    None,
    Error5xx,
    DropConnection,
    TimeoutAfterAccept,
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
}
