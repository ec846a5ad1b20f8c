extern alias client;

using client::PesanAI.Protos.Conversations.V1;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>A host whose dispatcher is off queues messages; they survive it and go out from the next node that dispatches.</summary>
public sealed class OutboxRecoveryTests(OutboxRecoveryTests.NoDispatcherApp fixture) : IClassFixture<OutboxRecoveryTests.NoDispatcherApp>
{
    private readonly MessagingBed _bed = new(fixture.App);

    [Fact]
    public async Task Messages_queued_without_a_running_dispatcher_go_out_once_after_one_starts()
    {
        var tenant = await _bed.TenantAsync();
        var customers = Enumerable.Range(0, 3).Select(_ => Inbound.InboundBed.NewWaId()).ToList();
        foreach (var customer in customers)
        {
            await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        }

        var sent = await Task.WhenAll(customers.Select(c => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, c, "Maaf menunggu")).ResponseAsync));
        var queued = await Task.WhenAll(sent.Select(s => DaemonProgress.SequenceOfAsync<Domain.Conversations.MessageQueued>(
            fixture.App, tenant.TenantId, s.Message.ConversationId, q => q.MessageId == Guid.Parse(s.Message.MessageId))));
        // This node's outbox subscription has handed them on (to a dispatcher that is off): they stay queued.
        await DaemonProgress.UntilHandledAsync(fixture.App, DaemonProgress.Outbox, queued.Max());
        var waiting = await Task.WhenAll(sent.Select(s => MessagingBed.UntilAsync(tenant, s.Message.MessageId, _ => true)));

        var (node, _) = await fixture.App.StartAnotherNodeAsync(new Dictionary<string, string?>());
        try
        {
            var accepted = await Task.WhenAll(sent.Select(s => MessagingBed.UntilAsync(tenant, s.Message.MessageId, m => m.SendState == SendState.Accepted)));

            Assert.All(waiting, m => Assert.Equal(SendState.Queued, m.SendState));
            Assert.All(accepted, m => Assert.Equal((SendState.Accepted, 1), (m.SendState, m.Attempts)));
            Assert.Equal(3, (await _bed.EmulatorMessagesAsync(tenant)).GetArrayLength());
        }
        finally
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    public sealed class NoDispatcherApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?> { ["PESANAI_DISPATCH_ENABLED"] = "false" } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
