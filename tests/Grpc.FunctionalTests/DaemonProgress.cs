using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace PesanAI.FunctionalTests;

/// <summary>
/// The async daemon's progress as a positive signal: a test that asserts that a subscription did NOT act on an event
/// first waits until that subscription provably handled the event (its progression passed the event's sequence), so
/// a merely slow daemon fails the test instead of passing it.
/// </summary>
internal static class DaemonProgress
{
    /// <summary>The subscriptions' names (Name in AutomationSubscription and OutboxSubscription).</summary>
    public const string Automation = "automation";

    public const string Outbox = "outbox";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>The global sequence of the one event of <paramref name="streamId"/> that matches.</summary>
    public static async Task<long> SequenceOfAsync<TEvent>(PesanAiApp app, string tenantId, string streamId, Func<TEvent, bool> match)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenantId);
        var events = await session.Events.FetchStreamAsync(Guid.Parse(streamId));
        return events.Single(e => e.Data is TEvent data && match(data)).Sequence;
    }

    /// <summary>Waits until <paramref name="subscription"/> has handled every event up to <paramref name="sequence"/>; fails after 20 s.</summary>
    public static async Task UntilHandledAsync(PesanAiApp app, string subscription, long sequence)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            // A subscription's one shard is named "<name>:All".
            var reached = (await store.Advanced.AllProjectionProgress())
                .Where(s => s.ShardName.StartsWith(subscription + ":", StringComparison.Ordinal))
                .Select(s => s.Sequence)
                .DefaultIfEmpty(0)
                .Max();
            if (reached >= sequence)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The {subscription} subscription did not reach event {sequence} within {Deadline.TotalSeconds} s (it is at {reached}).");
            await Task.Delay(50);
        }
    }
}
