extern alias client;

using System.Net;
using client::PesanAI.Protos.Conversations.V1;
using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Signed webhooks whose content PostgreSQL refuses: text with U+0000 is stored (NUL replaced), a message that still
/// cannot be stored is parked without blocking the rest of its POST, and only a transient failure answers 503.
/// </summary>
public sealed class StoreFailureTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task A_text_with_nul_is_stored_with_the_rest_of_its_post_and_a_redelivery_changes_nothing()
    {
        var tenant = await _bed.TenantAsync();
        var sent = new[]
        {
            (InboundBed.NewWaId(), InboundBed.NewWamid(), "Halo, pesanan saya?"),
            (InboundBed.NewWaId(), InboundBed.NewWamid(), "a\0b \0 \\u0000 👍🏽"),
            (InboundBed.NewWaId(), InboundBed.NewWamid(), "Terima kasih"),
        };
        var body = MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow.AddSeconds(-5));
        Assert.Contains("\\u0000", body, StringComparison.Ordinal);

        var first = await _bed.PostAsync(body, tenant.AppSecret);
        var again = await _bed.PostAsync(body, tenant.AppSecret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var texts = await TextsByWamidAsync(tenant);
        Assert.Equal(3, texts.Count);
        Assert.Equal("Halo, pesanan saya?", texts[sent[0].Item2]);
        Assert.Equal("a\uFFFDb \uFFFD \\u0000 👍🏽", texts[sent[1].Item2]);
        Assert.Equal("Terima kasih", texts[sent[2].Item2]);
        Assert.Equal([body, body], await RawBodiesAsync(tenant.PhoneNumberId));
    }

    private async Task<Dictionary<string, string>> TextsByWamidAsync(InboundTenant tenant)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var conversation in (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations)
        {
            foreach (var message in (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages)
            {
                texts.Add(message.Wamid, message.Text);
            }
        }

        return texts;
    }

    /// <summary>The raw bodies kept for a number, oldest first: byte-exact, so their signatures still verify.</summary>
    private async Task<List<string>> RawBodiesAsync(string phoneNumberId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data->>'body' from pesanai.mt_doc_rawwebhook where data->'phoneNumberIds' ? @id order by received_at", connection);
        command.Parameters.AddWithValue("id", phoneNumberId);
        var bodies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }
}
