namespace PesanAI.Application.Common;

/// <summary>
/// What the write path needs to know of one kind of stream: its name in error messages, how its state follows an
/// event (<c>Evolve</c>, from null for the stream's first event), how a version is set on it, and the two
/// choices where kinds differ (<see cref="Missing"/>, <see cref="SavesWhenNothingDecided"/>).
/// </summary>
public sealed record StreamKind<T>(string Name, Func<T?, object, T?> Evolve, Func<T, long, T> AtVersion)
    where T : class
{
    /// <summary>The error for a stream that does not exist (NOT_FOUND); null: decide on a null state (the first event starts it).</summary>
    public Func<Guid, Exception>? Missing { get; init; }

    /// <summary>Save also when nothing was decided: the session holds other changes of the same transaction (such as new customer links).</summary>
    public bool SavesWhenNothingDecided { get; init; }

    /// <summary>The state after <paramref name="events"/>.</summary>
    public T? Fold(T? state, IEnumerable<object> events) => events.Aggregate(state, Evolve);
}
