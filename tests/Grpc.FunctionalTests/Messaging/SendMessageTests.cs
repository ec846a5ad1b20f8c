extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>SendMessage over a real gRPC channel, dispatched over real HTTP to the Cloud API emulator, statuses back by its webhooks.</summary>
public sealed class SendMessageTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task Text_inside_the_window_is_queued_at_once_then_accepted_by_Meta_and_read()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Kak, paket saya sudah dikirim?");

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Sudah, kak 🙏 resi JNE 123"));

        Assert.Equal(SendState.Queued, sent.Message.SendState);
        Assert.Equal(MessageDirection.Outbound, sent.Message.Direction);
        Assert.Equal(string.Empty, sent.Message.Wamid);
        var read = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status == DeliveryStatus.Read);
        Assert.Equal(SendState.Accepted, read.SendState);
        Assert.Equal(DeliveryStatus.Read, read.Status);
        Assert.StartsWith("wamid.", read.Wamid, StringComparison.Ordinal);
        Assert.Equal(1, read.Attempts);

        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray());
        Assert.Equal(read.Wamid, atMeta.GetProperty("wamid").GetString());
        Assert.Equal(sent.Message.MessageId, atMeta.GetProperty("biz_opaque_callback_data").GetString());
        Assert.Equal("Sudah, kak 🙏 resi JNE 123", atMeta.GetProperty("request").GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_message_is_listed_in_its_conversation_with_its_status_by_its_wamid_too()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo juga"));
        var delivered = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status >= DeliveryStatus.Delivered);

        var page = await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = sent.Message.ConversationId });
        var byWamid = await tenant.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = delivered.Wamid });

        Assert.Equal(2, page.Messages.Count);
        var outbound = Assert.Single(page.Messages, m => m.Direction == MessageDirection.Outbound);
        Assert.Equal(sent.Message.MessageId, outbound.MessageId);
        Assert.Equal("Halo juga", outbound.Text);
        Assert.Equal(sent.Message.MessageId, byWamid.MessageId);
    }

    [Fact]
    public async Task A_customer_first_known_by_user_id_gets_a_send_to_their_wa_id_in_their_one_conversation()
    {
        // The customer's id comes from the name seen first (the user id), not from the wa_id the send names.
        var tenant = await _bed.TenantAsync();
        var userId = "ID." + Guid.NewGuid().ToString("N");
        var waId = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, string.Empty, "tanpa nomor", userId: userId);
        await _bed.CustomerWritesAsync(tenant, waId, "dengan nomor", userId: userId);

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, waId, "Halo kak"));
        var repeated = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, waId, "Halo lagi"));

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(conversation.Id, sent.Message.ConversationId);
        Assert.Equal(conversation.Id, repeated.Message.ConversationId);
        var page = await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id });
        Assert.Equal(["Halo kak", "Halo lagi", "dengan nomor", "tanpa nomor"], page.Messages.Select(m => m.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_content_type_goes_out_in_Metas_shape_in_the_order_queued_and_is_accepted()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        var inbound = await _bed.CustomerWritesAsync(tenant, customer, "Bisa kirim katalog?");
        // Meta (and the emulator) accept a send by media id only for media this number's WABA holds.
        using var emulator = app.Emulator();
        using var upload = await emulator.PostAsync(
            $"/_emulator/media?phone_number_id={tenant.PhoneNumberId}&origin=uploaded",
            new ByteArrayContent("%PDF-1.4\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } });
        var catalogueId = System.Text.Json.JsonDocument.Parse(await upload.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        SendMessageRequest With(Action<SendMessageRequest> set)
        {
            var request = new SendMessageRequest { PhoneNumberId = tenant.PhoneNumberId, To = customer };
            set(request);
            return request;
        }

        SendMessageRequest[] requests =
        [
            With(r => r.Media = new MediaContent { Type = MediaType.Image, Link = "https://toko.example/katalog.jpg", Caption = "Katalog November" }),
            With(r => r.Media = new MediaContent { Type = MediaType.Document, MediaId = catalogueId, Filename = "katalog.pdf" }),
            With(r => r.Location = new LocationContent { Latitude = -7.7956, Longitude = 110.3695, Name = "Toko Batik Sari", Address = "Jl. Malioboro 12" }),
            With(r => r.Contacts = new ContactsContent { Cards = { new ContactCard { FormattedName = "CS Toko", Phones = { new ContactPhone { Phone = "+6281234567890", Type = "WORK" } } } } }),
            With(r => r.Reaction = new ReactionContent { MessageId = inbound, Emoji = "👍" }),
            With(r => r.Interactive = new InteractiveContent { Body = "Pilih ukuran", Buttons = { new ReplyButton { Id = "s", Title = "S" }, new ReplyButton { Id = "m", Title = "M" } } }),
            With(r => r.Interactive = new InteractiveContent
            {
                Body = "Pilih kategori",
                ListButton = "Kategori",
                Sections = { new ListSection { Title = "Batik", Rows = { new ListRow { Id = "tulis", Title = "Batik tulis", Description = "Dibuat dengan canting" } } } },
            }),
            With(r => { r.Text = new TextContent { Body = "Ini balasan untuk pesan Anda" }; r.ReplyToWamid = inbound; }),
        ];

        var sent = new List<SendMessageResponse>();
        foreach (var request in requests)
        {
            sent.Add(await tenant.Messaging.SendMessageAsync(request));
        }

        var settled = await Task.WhenAll(sent.Select(s => MessagingBed.UntilAsync(tenant, s.Message.MessageId, m => m.SendState is SendState.Accepted or SendState.Failed)));
        Assert.All(settled, m => Assert.Equal(SendState.Accepted, m.SendState));
        var atMeta = (await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray().ToList();
        Assert.Equal(["image", "document", "location", "contacts", "reaction", "interactive", "interactive", "text"], atMeta.OrderBy(m => m.GetProperty("accepted_at").GetDateTimeOffset()).Select(m => m.GetProperty("type").GetString()).ToList());
        Assert.Equal(inbound, atMeta.Single(m => m.GetProperty("type").GetString() == "text").GetProperty("context_message_id").GetString());
    }

    [Fact]
    public async Task Text_to_a_customer_who_never_wrote_is_refused_with_WINDOW_CLOSED_and_nothing_reaches_Meta()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Promo!")).ResponseAsync);

        RpcAssert.Reason(error, StatusCode.FailedPrecondition, "WINDOW_CLOSED");
        Assert.Equal(0, (await _bed.EmulatorMessagesAsync(tenant, customer)).GetArrayLength());
    }

    [Fact]
    public async Task Text_after_24_hours_is_refused_with_WINDOW_CLOSED()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo", DateTimeOffset.UtcNow.AddHours(-25));

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Maaf telat")).ResponseAsync);

        RpcAssert.Reason(error, StatusCode.FailedPrecondition, "WINDOW_CLOSED");
    }

    [Fact]
    public async Task Content_over_Meta_limits_is_INVALID_ARGUMENT_naming_the_field()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        var tooLong = MessagingBed.Text(tenant, customer, new string('a', 4097));
        var fourButtons = MessagingBed.Text(tenant, customer, "x");
        fourButtons.Interactive = new InteractiveContent
        {
            Body = "Pilih",
            Buttons = { new ReplyButton { Id = "1", Title = "Satu" }, new ReplyButton { Id = "2", Title = "Dua" }, new ReplyButton { Id = "3", Title = "Tiga" }, new ReplyButton { Id = "4", Title = "Empat" } },
        };

        var text = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(tooLong).ResponseAsync);
        var buttons = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(fourButtons).ResponseAsync);
        var exactly = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, new string('a', 4096)));

        RpcAssert.FieldViolation(text, "content.text.body");
        RpcAssert.FieldViolation(buttons, "content.interactive.buttons");
        Assert.Equal(SendState.Queued, exactly.Message.SendState);
    }

    [Fact]
    public async Task A_request_id_in_the_prefix_reserved_for_resends_is_INVALID_ARGUMENT()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");

        var reserved = await Assert.ThrowsAsync<RpcException>(
            () => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "x", requestId: "resend:D-" + Guid.NewGuid())).ResponseAsync);
        var similar = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "x", requestId: "re-send:" + Guid.NewGuid()));

        RpcAssert.FieldViolation(reserved, "request_id");
        Assert.Equal(SendState.Queued, similar.Message.SendState);
    }

    [Fact]
    public async Task The_same_request_id_returns_the_same_message_and_a_different_request_under_it_is_ALREADY_EXISTS()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        var request = MessagingBed.Text(tenant, customer, "Sekali saja", requestId: "order-42-confirmation");

        var first = await tenant.Messaging.SendMessageAsync(request);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tenant.Messaging.SendMessageAsync(request).ResponseAsync));
        var other = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Lain", requestId: "order-42-confirmation")).ResponseAsync);
        await MessagingBed.UntilAsync(tenant, first.Message.MessageId, m => m.SendState == SendState.Accepted);

        Assert.False(first.Repeated);
        Assert.All(again, r => Assert.Equal(first.Message.MessageId, r.Message.MessageId));
        Assert.All(again, r => Assert.True(r.Repeated));
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
        Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray());
    }

    [Fact]
    public async Task A_suspended_tenant_sends_nothing()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        await _bed.Team.Operator.SuspendTenantAsync(new client::PesanAI.Protos.Tenants.V1.SuspendTenantRequest { Id = tenant.TenantId, Reason = "unpaid" });

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo")).ResponseAsync);

        RpcAssert.Reason(error, StatusCode.FailedPrecondition, "TENANT_SUSPENDED");
    }

    [Fact]
    public async Task Another_tenants_number_is_NOT_FOUND()
    {
        var tenant = await _bed.TenantAsync();
        var other = await _bed.TenantAsync("Toko Lain");

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(other, Inbound.InboundBed.NewWaId(), "Halo")).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_190_fails_the_message_and_the_number_sends_nothing_more()
    {
        var tenant = await _bed.TenantAsync(tokenExpiredAtMeta: true);
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo"));
        var failed = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Failed);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        RpcException? refused = null;
        while (refused is null && DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Lagi"));
                await Task.Delay(100);
            }
            catch (RpcException ex)
            {
                refused = ex;
            }
        }

        Assert.Equal(SendState.Failed, failed.SendState);
        Assert.Equal(190, Assert.Single(failed.Errors).Code);
        Assert.NotNull(refused);
        RpcAssert.Reason(refused, StatusCode.FailedPrecondition, "NUMBER_SUSPENDED");
    }

    [Fact]
    public async Task Mark_as_read_clears_unread_and_tells_Meta()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        await _bed.CustomerWritesAsync(tenant, customer, "Ada orang?");
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        var read = await tenant.Messaging.MarkAsReadAsync(new MarkAsReadRequest { ConversationId = conversation.Id });

        Assert.Equal(2, conversation.UnreadCount);
        Assert.Equal(0, read.UnreadCount);
    }

    [Fact]
    public async Task Undeliverable_customer_ends_in_a_failed_status_with_Meta_code_131026()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        using (var emulator = app.Emulator())
        {
            (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(emulator, "/_emulator/customers", new { wa_id = customer, undeliverable = true })).EnsureSuccessStatusCode();
        }

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo"));
        var failed = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status == DeliveryStatus.Failed);

        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(131026, Assert.Single(failed.Errors).Code);
    }
}
