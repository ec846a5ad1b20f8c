extern alias client;

using System.Text.Json;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>"typing…" as Meta shows it: a typing indicator on the read receipt of the customer's message.</summary>
public sealed class TypingIndicatorTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task A_team_member_shows_typing_with_the_read_receipt_and_meta_receives_it()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        var first = await _bed.CustomerWritesAsync(tenant, customer, "Kak, ukuran L ada?");
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        await tenant.Messaging.MarkAsReadAsync(new MarkAsReadRequest { ConversationId = conversation.Id, Wamid = first });
        var second = await _bed.CustomerWritesAsync(tenant, customer, "Warna merah ya");
        await tenant.Messaging.MarkAsReadAsync(new MarkAsReadRequest { ConversationId = conversation.Id, ShowTyping = true });

        using var emulator = app.Emulator();
        var reads = JsonDocument.Parse(await emulator.GetStringAsync($"/_emulator/reads?phone_number_id={tenant.PhoneNumberId}")).RootElement;
        Assert.Equal(
            [(first, false), (second, true)],
            reads.EnumerateArray().Select(r => (r.GetProperty("wamid").GetString(), r.GetProperty("typing").GetBoolean())).ToList());
    }
}
