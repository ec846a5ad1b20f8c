namespace PesanAI.Domain.Common;

/// <summary>
/// The event types of one kind of stream: every record of the domain that implements the stream's marker interface
/// (<c>IConversationEvent</c>, <c>ITenantEvent</c>, ...). A new event is registered with the store, its projection and
/// the audit's names by implementing the marker, never by editing a list.
/// </summary>
public static class DomainEvents
{
    public static IReadOnlyList<Type> Implementing<TMarker>() =>
        [.. typeof(TMarker).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(TMarker).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
}
