extern alias client;

using System.Net;
using client::PesanAI.Protos.Conversations.V1;
using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Signed webhooks whose content PostgreSQL refuses: text with U+0000 is stored (NUL replaced), a message that still
/// cannot be stored is parked without blocking the rest of its POST, and a transient failure is tried again later.
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

    [Fact]
    public async Task A_message_the_store_refuses_for_good_is_parked_and_the_rest_of_its_post_stored()
    {
        var tenant = await _bed.TenantAsync();
        var sent = Enumerable.Range(0, 3).Select(i => (InboundBed.NewWaId(), InboundBed.NewWamid(), $"Pesan {i}")).ToArray();
        await RefuseAsync(sent[1].Item2, "22023");
        var body = MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow.AddSeconds(-5));

        var response = await _bed.PostAsync(body, tenant.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = await TextsByWamidAsync(tenant);
        Assert.Equal(new[] { sent[0].Item2, sent[2].Item2 }.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        var parked = Assert.Single(await ParkedAsync(sent[1].Item2));
        Assert.Equal(body, parked.Body);
        Assert.Equal("PostgreSQL 22023", parked.Reason);
        Assert.Equal([body], await RawBodiesAsync(tenant.PhoneNumberId));
    }

    [Fact]
    public async Task A_transient_failure_is_acknowledged_tried_again_later_and_then_stores_the_whole_post_while_others_flow()
    {
        var tenant = await _bed.TenantAsync();
        var sent = Enumerable.Range(0, 3).Select(i => (InboundBed.NewWaId(), InboundBed.NewWamid(), $"Pesan {i}")).ToArray();
        await RefuseAsync(sent[1].Item2, "40001");
        var body = System.Text.Encoding.UTF8.GetBytes(MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow.AddSeconds(-5)));

        var acknowledged = await _bed.AcknowledgeAsync(body, tenant.AppSecret);
        await UntilAttemptedAsync(body);

        // Behind it, another webhook flows on while the first waits for its retry.
        var other = await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "lain", DateTimeOffset.UtcNow), tenant.AppSecret);
        await RefuseAsync(sent[1].Item2, null);
        await new InboundQueueProbe(app).UntilProcessedAsync(body);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(4, (await TextsByWamidAsync(tenant)).Count);
        Assert.Empty(await ParkedAsync(sent[1].Item2));
    }

    /// <summary>Waits until the processor has tried the webhook and failed at least once (its attempts counted).</summary>
    private async Task UntilAttemptedAsync(byte[] body)
    {
        var deadline = DateTimeOffset.UtcNow + InboundQueueProbe.Deadline;
        while (true)
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select coalesce(max(attempts), 0) from pesanai.inbound_webhooks where body = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body });
            if ((int)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The processor did not try the webhook.");
            await Task.Delay(20);
        }
    }

    private Task RefuseAsync(string wamid, string? sqlState) => StoreRefusal.RefuseAsync(app, wamid, sqlState);

    /// <summary>The parked records naming a wamid: the body kept and the reason given.</summary>
    private async Task<List<(string Body, string Reason)>> ParkedAsync(string wamid)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select p.data->>'body', i->>'reason' from pesanai.mt_doc_parkedwebhook p, jsonb_array_elements(p.data->'items') i
            where i->>'itemId' = @wamid
            """,
            connection);
        command.Parameters.AddWithValue("wamid", wamid);
        var parked = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            parked.Add((reader.GetString(0), reader.GetString(1)));
        }

        return parked;
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
            "select convert_from(body, 'UTF8') from pesanai.inbound_webhooks where @id = any(phone_number_ids) order by seq", connection);
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
