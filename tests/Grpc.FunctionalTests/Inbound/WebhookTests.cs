extern alias client;

using System.Net;
using client::PesanAI.Protos.Conversations.V1;
using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

public sealed class WebhookTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task The_subscription_check_answers_the_challenge_only_for_a_registered_verify_token()
    {
        var tenant = await _bed.TenantAsync();
        using var http = app.Http();

        var ok = await http.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={tenant.VerifyToken}&hub.challenge=1158201444");
        var wrongToken = await http.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
        var wrongMode = await http.GetAsync($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={tenant.VerifyToken}&hub.challenge=1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongMode.StatusCode);
    }

    [Fact]
    public async Task A_text_message_becomes_a_conversation_with_the_text_byte_exact()
    {
        var tenant = await _bed.TenantAsync();
        var waId = InboundBed.NewWaId();
        var wamid = InboundBed.NewWamid();
        var text = "Halo 👍🏽 مرحبا שלום e\u0301 " + new string('x', 4096 - 24);
        Assert.Equal(4096, text.Length);
        var sentAt = DateTimeOffset.UtcNow.AddSeconds(-5);

        var response = await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, wamid, text, sentAt), tenant.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(waId, conversation.Customer.WaId);
        Assert.Equal("Budi", conversation.Customer.ProfileName);
        Assert.Equal(tenant.PhoneNumberId, conversation.PhoneNumberId);
        Assert.Equal(ConversationState.Open, conversation.State);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal(sentAt.ToUnixTimeSeconds() + (24 * 3600), conversation.WindowExpireTime.Seconds);
        var message = Assert.Single((await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages);
        Assert.Equal(wamid, message.Wamid);
        Assert.Equal("text", message.Type);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal(text, message.Text);
    }

    [Fact]
    public async Task A_bad_or_missing_signature_is_401_and_stores_nothing()
    {
        var tenant = await _bed.TenantAsync();
        var body = MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "hai", DateTimeOffset.UtcNow);

        var wrongSecret = await _bed.PostAsync(body, "not-the-app-secret");
        var missing = await _bed.PostAsync(body, appSecret: null);
        var malformed = await _bed.PostAsync(body, appSecret: null, signature: "sha256=zz");
        var upperCaseHex = await _bed.PostAsync(body, appSecret: null, signature: "sha1=" + new string('a', 40));

        Assert.All(new[] { wrongSecret, missing, malformed, upperCaseHex }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(0, await RawWebhooksFor(tenant.PhoneNumberId));
    }

    [Fact]
    public async Task An_unverifiable_malformed_body_is_401_and_only_a_signed_one_400()
    {
        var tenant = await _bed.TenantAsync();
        var garbage = System.Text.Encoding.UTF8.GetBytes("\u0001 not json {{{");
        var truncated = MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "hai", DateTimeOffset.UtcNow)[..^20];

        var garbageWrongSignature = await _bed.PostBytesAsync(garbage, "not-the-app-secret");
        var garbageUnsigned = await _bed.PostBytesAsync(garbage, appSecret: null);
        var truncatedWrongSignature = await _bed.PostAsync(truncated, "not-the-app-secret");
        var truncatedSigned = await _bed.PostAsync(truncated, tenant.AppSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, garbageWrongSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbageUnsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, truncatedWrongSignature.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, truncatedSigned.StatusCode);
        Assert.Equal(0, await RawWebhooksFor(tenant.PhoneNumberId));
    }

    [Fact]
    public async Task One_tenants_secret_cannot_carry_another_tenants_numbers_in()
    {
        var a = await _bed.TenantAsync("Toko A");
        var b = await _bed.TenantAsync("Toko B");
        var forA = System.Text.Json.Nodes.JsonNode.Parse(MetaPayloads.Text(a.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "untuk A", DateTimeOffset.UtcNow))!;
        var forB = System.Text.Json.Nodes.JsonNode.Parse(MetaPayloads.Text(b.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "disusupkan ke B", DateTimeOffset.UtcNow))!;
        forA["entry"]!.AsArray().Add(forB["entry"]![0]!.DeepClone());

        var response = await _bed.PostAsync(forA.ToJsonString(), a.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await a.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Empty((await b.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing_also_when_deliveries_race()
    {
        var tenant = await _bed.TenantAsync();
        var body = MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "pesan sekali", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(body, tenant.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(body, tenant.AppSecret)).StatusCode);
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _bed.PostAsync(body, tenant.AppSecret)));

        Assert.All(racing, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(1, conversation.MessageCount);
        Assert.Single((await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages);
    }

    [Fact]
    public async Task Racing_first_messages_of_one_new_customer_make_one_conversation()
    {
        var tenant = await _bed.TenantAsync();
        var waId = InboundBed.NewWaId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), $"pesan {i}", DateTimeOffset.UtcNow), tenant.AppSecret)));

        foreach (var r in responses)
        {
            Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        }

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(6, conversation.MessageCount);
        Assert.Equal(6, (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.Count);
    }

    [Fact]
    public async Task A_large_webhook_stored_in_parts_holds_every_message_once_also_when_redelivered_while_it_is_stored()
    {
        // 80 customers, 2 messages each: IngestParts splits this into 4 transactions.
        var tenant = await _bed.TenantAsync();
        var customers = Enumerable.Range(0, 80).Select(_ => InboundBed.NewWaId()).ToList();
        var messages = customers.SelectMany(waId => new[] { (waId, InboundBed.NewWamid(), "pertama"), (waId, InboundBed.NewWamid(), "kedua") }).ToList();
        var body = MetaPayloads.Texts(tenant.PhoneNumberId, messages, DateTimeOffset.UtcNow);

        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _bed.PostAsync(body, tenant.AppSecret)));
        var again = await _bed.PostAsync(body, tenant.AppSecret);

        foreach (var response in racing.Append(again))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var conversations = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest { PageSize = 200 })).Conversations;
        Assert.Equal(80, conversations.Count);
        Assert.All(conversations, c => Assert.Equal(2, c.MessageCount));
        var texts = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversations[0].Id })).Messages
            .Select(m => m.Text).Order(StringComparer.Ordinal);
        Assert.Equal(["kedua", "pertama"], texts);
    }

    [Fact]
    public async Task An_unknown_phone_number_is_acknowledged_and_ignored()
    {
        var body = MetaPayloads.Text("999000111222333", InboundBed.NewWaId(), InboundBed.NewWamid(), "siapa?", DateTimeOffset.UtcNow);

        var response = await _bed.PostAsync(body, "whatever-secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await RawWebhooksFor("999000111222333"));
    }

    [Fact]
    public async Task A_customer_with_only_a_business_scoped_user_id_is_one_customer_also_once_their_wa_id_appears()
    {
        var tenant = await _bed.TenantAsync();
        var userId = "US." + Guid.NewGuid().ToString("N");
        var waId = InboundBed.NewWaId();

        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, string.Empty, InboundBed.NewWamid(), "tanpa nomor", DateTimeOffset.UtcNow, userId), tenant.AppSecret);
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "dengan nomor", DateTimeOffset.UtcNow, userId), tenant.AppSecret);
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "nomor saja", DateTimeOffset.UtcNow), tenant.AppSecret);

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(3, conversation.MessageCount);
        Assert.Equal(userId, conversation.Customer.UserId);
        Assert.Equal(waId, conversation.Customer.WaId);
    }

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":")]
    [InlineData("not json at all")]
    [InlineData("{\"entry\":\"wrong type\"}")]
    public async Task Malformed_signed_bodies_are_400_never_5xx(string body)
    {
        var tenant = await _bed.TenantAsync();

        var response = await _bed.PostAsync(body, tenant.AppSecret);

        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{(int)response.StatusCode}");
        Assert.Empty((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
    }

    [Fact]
    public async Task Wrong_content_type_oversized_and_invalid_utf8_bodies_are_refused_cleanly()
    {
        var tenant = await _bed.TenantAsync();
        var body = MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "hai", DateTimeOffset.UtcNow);

        var wrongType = await _bed.PostAsync(body, tenant.AppSecret, contentType: "text/plain");
        var tooLarge = await _bed.PostBytesAsync(new byte[(3 * 1024 * 1024) + 1], tenant.AppSecret);
        var invalidUtf8 = await _bed.PostBytesAsync([.. System.Text.Encoding.UTF8.GetBytes(body)[..^10], 0xC3, 0x28, .. System.Text.Encoding.UTF8.GetBytes("\"}]}]}]}")], tenant.AppSecret);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalidUtf8.StatusCode);
        Assert.Empty((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
    }

    private async Task<long> RawWebhooksFor(string phoneNumberId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pesanai.inbound_webhooks where position(convert_to(@pattern, 'UTF8') in body) > 0", connection);
        command.Parameters.AddWithValue("pattern", phoneNumberId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
