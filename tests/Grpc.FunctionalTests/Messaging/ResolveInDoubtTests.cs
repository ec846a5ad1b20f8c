extern alias client;

using System.Net.Http.Json;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>
/// A person settles a message the dispatcher left in doubt (the emulator answered 5xx, so Meta never had it and no
/// status webhook comes): resent once as a new message under the send rules, or given up; either way it ends failed.
/// </summary>
public sealed class ResolveInDoubtTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task Resend_fails_the_message_with_the_note_and_queues_one_copy_that_Meta_accepts_also_when_retried()
    {
        var (tenant, customer, doubtful) = await InDoubtAsync("Paket dikirim besok");

        var resolved = await tenant.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Resend, "Meta support: not received"));

        Assert.Equal((doubtful.MessageId, SendState.Failed), (resolved.Message.MessageId, resolved.Message.SendState));
        var error = Assert.Single(resolved.Message.Errors);
        Assert.Equal(("ABANDONED_IN_DOUBT", "Meta support: not received", $"resent as message {resolved.Resent.MessageId}"), (error.Title, error.Message, error.Details));
        Assert.NotEqual(doubtful.MessageId, resolved.Resent.MessageId);
        Assert.Equal((SendState.Queued, "Paket dikirim besok", "resend:" + doubtful.MessageId), (resolved.Resent.SendState, resolved.Resent.Text, resolved.Resent.RequestId));
        Assert.Equal(doubtful.Origin, resolved.Resent.Origin);
        var accepted = await MessagingBed.UntilAsync(tenant, resolved.Resent.MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray());
        Assert.Equal(resolved.Resent.MessageId, atMeta.GetProperty("biz_opaque_callback_data").GetString());
        Assert.Equal(accepted.Wamid, atMeta.GetProperty("wamid").GetString());

        var again = await tenant.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Resend, "retried"));

        Assert.Equal(resolved.Resent.MessageId, again.Resent.MessageId);
        Assert.Equal("Meta support: not received", Assert.Single(again.Message.Errors).Message);
        var listed = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = doubtful.ConversationId })).Messages;
        Assert.Equal(2, listed.Count(m => m.Direction == MessageDirection.Outbound));
        var failed = Assert.Single(listed, m => m.MessageId == doubtful.MessageId);
        Assert.Equal((SendState.Failed, "Meta support: not received"), (failed.SendState, Assert.Single(failed.Errors).Message));
    }

    [Fact]
    public async Task Abandon_fails_the_message_with_the_note_and_sends_nothing()
    {
        var (tenant, customer, doubtful) = await InDoubtAsync("Promo akhir pekan");

        var resolved = await tenant.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Abandon, "customer called, told by phone"));

        Assert.Null(resolved.Resent);
        var error = Assert.Single(resolved.Message.Errors);
        Assert.Equal(("ABANDONED_IN_DOUBT", "customer called, told by phone", "given up by a person"), (error.Title, error.Message, error.Details));
        var read = await tenant.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = doubtful.MessageId });
        Assert.Equal((SendState.Failed, 1), (read.SendState, read.Attempts));
        Assert.Equal(error, Assert.Single(read.Errors));
        var listed = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = doubtful.ConversationId })).Messages;
        Assert.Equal(doubtful.MessageId, Assert.Single(listed, m => m.Direction == MessageDirection.Outbound).MessageId);
        Assert.Equal(0, (await _bed.EmulatorMessagesAsync(tenant, customer)).GetArrayLength());
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "NOT_IN_DOUBT", () => tenant.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Resend, null)).ResponseAsync);
    }

    [Fact]
    public async Task An_accepted_message_is_not_in_doubt_and_is_left_as_it_is()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo juga"));
        var accepted = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Accepted);

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "NOT_IN_DOUBT", () => tenant.Messaging.ResolveInDoubtAsync(Resolve(accepted, InDoubtResolution.Abandon, null)).ResponseAsync);

        Assert.Equal(SendState.Accepted, accepted.SendState);
        var after = await tenant.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = accepted.MessageId });
        Assert.Equal((SendState.Accepted, accepted.Wamid), (after.SendState, after.Wamid));
        Assert.Empty(after.Errors);
    }

    [Fact]
    public async Task A_resend_the_send_rules_refuse_changes_nothing()
    {
        var (tenant, _, doubtful) = await InDoubtAsync("Nomor akan dihapus");
        await _bed.Team.Operator.RemovePhoneNumberAsync(new RemovePhoneNumberRequest { TenantId = tenant.TenantId, PhoneNumberId = tenant.PhoneNumberId });

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "NUMBER_SUSPENDED", () => tenant.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Resend, null)).ResponseAsync);

        var after = await tenant.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = doubtful.MessageId });
        Assert.Equal(SendState.InDoubt, after.SendState);
        var listed = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = doubtful.ConversationId })).Messages;
        Assert.Single(listed, m => m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task An_unknown_message_or_another_tenants_is_not_found_and_stays_in_doubt()
    {
        var (owner, _, doubtful) = await InDoubtAsync("Milik toko lain");
        var other = await _bed.TenantAsync("Toko Lain");

        await RpcAssert.Fails(StatusCode.NotFound, () => other.Messaging.ResolveInDoubtAsync(Resolve(doubtful, InDoubtResolution.Abandon, null)).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => other.Messaging.ResolveInDoubtAsync(
            new ResolveInDoubtRequest { MessageId = Guid.CreateVersion7().ToString(), Resolution = InDoubtResolution.Resend }).ResponseAsync);

        Assert.Equal(SendState.InDoubt, (await owner.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = doubtful.MessageId })).SendState);
    }

    [Theory]
    [InlineData("not-a-uuid", InDoubtResolution.Abandon, 0, "message_id")]
    [InlineData("", InDoubtResolution.Abandon, 0, "message_id")]
    [InlineData("0199a4e0-0000-7000-8000-0000000000b2", InDoubtResolution.Unspecified, 0, "resolution")]
    [InlineData("0199a4e0-0000-7000-8000-0000000000b2", InDoubtResolution.Resend, 501, "note")]
    public async Task Bad_input_is_invalid_argument_naming_the_field(string messageId, InDoubtResolution resolution, int noteLength, string field)
    {
        var tenant = await _bed.TenantAsync("Toko Salah Isi");

        var exception = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.ResolveInDoubtAsync(
            new ResolveInDoubtRequest { MessageId = messageId, Resolution = resolution, Note = new string('x', noteLength) }).ResponseAsync);

        RpcAssert.FieldViolation(exception, field);
    }

    /// <summary>A text the emulator answers with a 5xx: in doubt, and nothing at Meta. The faults are cleared again.</summary>
    private async Task<(SendingTenant Tenant, string Customer, Message Message)> InDoubtAsync(string body)
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        using var emulator = app.Emulator();
        (await emulator.PutAsJsonAsync("/_emulator/faults", new { error_5xx_ratio = 1.0 })).EnsureSuccessStatusCode();
        try
        {
            var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, body));
            var doubtful = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.InDoubt);
            Assert.Equal(SendState.InDoubt, doubtful.SendState);
            return (tenant, customer, doubtful);
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }
    }

    private static ResolveInDoubtRequest Resolve(Message message, InDoubtResolution resolution, string? note) => new()
    {
        MessageId = message.MessageId,
        Resolution = resolution,
        Note = note ?? string.Empty,
    };
}
