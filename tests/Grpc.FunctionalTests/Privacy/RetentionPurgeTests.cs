extern alias client;

using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Automation.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Knowledge.V1;
using client::PesanAI.Protos.Privacy.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PesanAI.Application.Privacy;
using RetentionKind = PesanAI.Domain.Tenants.RetentionKind;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Messaging;
using MediaType = client::PesanAI.Protos.Messaging.V1.MediaType;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>
/// Retention per kind of data, on a fake clock: data stored before a cutoff, then data after it; the purge runs with
/// its clock one period past the cutoff, so the first is past its period and the second is not.
/// </summary>
public sealed class RetentionPurgeTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(1);

    private readonly MediaBed _bed = new(app);

    private MessagingBed Messaging => _bed.Messaging;

    [Fact]
    public async Task Message_content_past_its_period_is_gone_everywhere_while_the_messages_stay()
    {
        var tenant = await Messaging.TenantAsync();
        await PolicyAsync(tenant.TenantId, new RetentionPolicy { MessageContent = Duration.FromTimeSpan(Period) });
        var customer = InboundBed.NewWaId();
        var oldIn = "Alamat saya Jalan Melati " + Guid.NewGuid().ToString("N");
        var oldOut = "Pesanan dikirim ke Jalan Melati " + Guid.NewGuid().ToString("N");
        var young = "Terima kasih " + Guid.NewGuid().ToString("N");
        var oldWamid = await Messaging.CustomerWritesAsync(tenant, customer, oldIn);
        var sent = (await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, oldOut))).Message;
        Assert.Equal(SendState.Accepted, (await MessagingBed.UntilAsync(tenant, sent.MessageId, m => m.SendState == SendState.Accepted)).SendState);
        var templateName = "pesanan_" + Guid.NewGuid().ToString("N")[..8];
        await MessagingBed.ApprovedTemplateAsync(tenant, templateName, client::PesanAI.Protos.Messaging.V1.TemplateCategory.Utility, "Halo {{1}}, pesanan siap.");
        var parameter = "Budi Santoso " + Guid.NewGuid().ToString("N");
        var templated = (await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, customer, templateName, parameter))).Message;
        Assert.Equal(SendState.Accepted, (await MessagingBed.UntilAsync(tenant, templated.MessageId, m => m.SendState == SendState.Accepted)).SendState);
        var cutoff = DateTimeOffset.UtcNow;
        var youngWamid = await Messaging.CustomerWritesAsync(tenant, customer, young);

        var report = await PurgeAtAsync(cutoff + Period);
        var again = await PurgeAtAsync(cutoff + Period);

        Assert.Equal(3, report.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.MessageContent));
        Assert.Equal(0, again.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.MessageContent));
        var messages = await MessagesAsync(tenant);
        var purgedIn = messages.Single(m => m.Wamid == oldWamid);
        Assert.Equal((MessageDirection.Inbound, "text", Message.ContentOneofCase.None), (purgedIn.Direction, purgedIn.Type, purgedIn.ContentCase));
        Assert.NotNull(purgedIn.SendTime);
        Assert.NotNull(purgedIn.RecordTime);
        var purgedOut = messages.Single(m => m.MessageId == sent.MessageId);
        Assert.Equal((MessageDirection.Outbound, "text", Message.ContentOneofCase.None, SendState.Accepted), (purgedOut.Direction, purgedOut.Type, purgedOut.ContentCase, purgedOut.SendState));
        Assert.NotEqual(DeliveryStatus.Unspecified, purgedOut.Status);
        Assert.Equal(young, messages.Single(m => m.Wamid == youngWamid).Text);
        var purgedTemplate = messages.Single(m => m.MessageId == templated.MessageId);
        Assert.Equal(("template", SendState.Accepted), (purgedTemplate.Type, purgedTemplate.SendState));

        // Nowhere in the database, events included; the customer's text is left only in the raw webhook body, a kind
        // with its own period (the platform's 30 days here).
        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, oldOut));
        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, parameter));
        Assert.Equal(["\"pesanai\".\"inbound_webhooks\""], (await DatabaseScan.RowsContainingAsync(app.ConnectionString, oldIn)).Keys);
        Assert.Contains("\"pesanai\".\"mt_events\"", (await DatabaseScan.RowsContainingAsync(app.ConnectionString, young)).Keys);
        Assert.Equal([(RetentionKind.MessageContent.ToString(), 3L)], await PurgeEventsAsync(tenant.TenantId));

        // The stored events still read, and what the projections would rebuild from them is as content-less.
        await using var session = app.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(tenant.TenantId);
        var conversationId = Guid.Parse(purgedIn.ConversationId);
        var events = (await session.Events.FetchStreamAsync(conversationId)).Select(e => e.Data).ToList();
        var received = events.OfType<Domain.Conversations.MessageReceived>().Single(e => e.Wamid == oldWamid);
        var queued = events.OfType<Domain.Conversations.MessageQueued>().Single(e => e.MessageId == Guid.Parse(sent.MessageId));
        Assert.Equal(("text", null), (received.Content.Type, received.Content.Text));
        Assert.Equal(("text", null), (queued.Content.Type, queued.Content.Text));
        var template = events.OfType<Domain.Conversations.MessageQueued>().Single(e => e.MessageId == Guid.Parse(templated.MessageId)).Content.Template!;
        Assert.Equal((templateName, "id", 0), (template.Name, template.Language, template.BodyParameters.Count));
        Assert.Equal(young, events.OfType<Domain.Conversations.MessageReceived>().Single(e => e.Wamid == youngWamid).Content.Text);
        Assert.NotNull(await session.Events.AggregateStreamAsync<Domain.Conversations.Conversation>(conversationId));
    }

    [Fact]
    public async Task Ai_records_past_their_period_lose_what_the_ai_was_given_and_wrote_and_nothing_else()
    {
        var (tenant, admin) = await ShopWithAiAsync();
        await PolicyAsync(tenant.TenantId, new RetentionPolicy { AiRecords = Duration.FromTimeSpan(Period) }, admin);
        var customer = InboundBed.NewWaId();
        var question = await Messaging.CustomerWritesAsync(tenant, customer, "jam buka toko kapan ya kak?");
        var reply = await AiReplyAsync(tenant, customer);
        Assert.Equal(SendState.Accepted, (await MessagingBed.UntilAsync(tenant, reply.MessageId, m => m.SendState == SendState.Accepted)).SendState);
        var human = (await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Saya Budi dari toko, ada lagi?"))).Message;
        Assert.Equal(SendState.Accepted, (await MessagingBed.UntilAsync(tenant, human.MessageId, m => m.SendState == SendState.Accepted)).SendState);
        var cutoff = DateTimeOffset.UtcNow;
        var laterCustomer = InboundBed.NewWaId();
        var laterQuestion = await Messaging.CustomerWritesAsync(tenant, laterCustomer, "berapa ongkos kirim?");
        var laterReply = await AiReplyAsync(tenant, laterCustomer);

        var report = await PurgeAtAsync(cutoff + Period);

        Assert.Equal(2, report.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.AiRecords));
        var messages = await MessagesAsync(tenant, customer);
        Assert.Equal(Message.ContentOneofCase.None, messages.Single(m => m.Wamid == question).ContentCase);
        var purgedReply = messages.Single(m => m.MessageId == reply.MessageId);
        Assert.Equal((MessageOrigin.Ai, Message.ContentOneofCase.None, SendState.Accepted), (purgedReply.Origin, purgedReply.ContentCase, purgedReply.SendState));
        Assert.Equal("Saya Budi dari toko, ada lagi?", messages.Single(m => m.MessageId == human.MessageId).Text);
        var later = await MessagesAsync(tenant, laterCustomer);
        Assert.Equal("berapa ongkos kirim?", later.Single(m => m.Wamid == laterQuestion).Text);
        Assert.Equal(laterReply.Text, later.Single(m => m.MessageId == laterReply.MessageId).Text);
        Assert.Contains("Rp10.000", laterReply.Text, StringComparison.Ordinal);
        Assert.Equal([(RetentionKind.AiRecords.ToString(), 2L)], await PurgeEventsAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Media_past_its_period_is_deleted_through_the_media_path()
    {
        var tenant = await Messaging.TenantAsync();
        await PolicyAsync(tenant.TenantId, new RetentionPolicy { Media = Duration.FromTimeSpan(Period) });
        var media = MediaBed.MediaOf(tenant);
        var customer = InboundBed.NewWaId();
        var oldWamid = await _bed.CustomerSendsAsync(tenant, customer, "image", MediaBed.Bytes(2_000, seed: 3), "image/png", caption: "foto KTP");
        Assert.Null((await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(oldWamid))).Error);
        var uploaded = await MediaBed.UploadAsync(media, MediaType.Document, "application/pdf", MediaBed.Bytes(1_000, seed: 5));
        var cutoff = DateTimeOffset.UtcNow;
        var youngWamid = await _bed.CustomerSendsAsync(tenant, customer, "image", MediaBed.Bytes(2_000, seed: 4), "image/png");
        var (_, youngBytes, youngError) = await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(youngWamid));
        Assert.Null(youngError);
        var blobs = await MediaProbe.StoredBlobCountAsync(app);

        var report = await PurgeAtAsync(cutoff + Period);

        Assert.Equal(2, report.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.Media));
        await RpcAssert.Fails(StatusCode.NotFound, () => MediaBed.DownloadAsync(media, MediaBed.MediaIdOf(oldWamid)));
        await RpcAssert.Fails(StatusCode.NotFound, () => MediaBed.DownloadAsync(media, uploaded.MediaId));
        Assert.Equal(youngBytes, (await MediaBed.DownloadAsync(media, MediaBed.MediaIdOf(youngWamid))).Bytes);
        Assert.Equal(blobs - 2, await MediaProbe.StoredBlobCountAsync(app));
        var conversationId = (await MessagesAsync(tenant)).Single(m => m.Wamid == oldWamid).ConversationId;
        Assert.Equal(1, await _bed.EventCountAsync<Domain.Conversations.MediaDeleted>(tenant.TenantId, conversationId, e => e.MediaId == Guid.Parse(MediaBed.MediaIdOf(oldWamid))));
        Assert.Equal([(RetentionKind.Media.ToString(), 2L)], await PurgeEventsAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Raw_webhook_bodies_go_after_the_tenants_period_and_other_tenants_keep_the_platforms()
    {
        var inbound = new InboundBed(app);
        var tenant = await inbound.TenantAsync("Toko Singkat");
        var other = await inbound.TenantAsync("Toko Biasa");
        await PolicyAsync(tenant.TenantId, new RetentionPolicy { WebhookBodies = Duration.FromTimeSpan(Period) });
        var (oldWamid, otherWamid, youngWamid) = (InboundBed.NewWamid(), InboundBed.NewWamid(), InboundBed.NewWamid());
        await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), oldWamid, "lama", DateTimeOffset.UtcNow), tenant.AppSecret);
        await inbound.PostAsync(MetaPayloads.Text(other.PhoneNumberId, InboundBed.NewWaId(), otherWamid, "lain", DateTimeOffset.UtcNow), other.AppSecret);
        var cutoff = DateTimeOffset.UtcNow;
        await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), youngWamid, "baru", DateTimeOffset.UtcNow), tenant.AppSecret);

        var report = await PurgeAtAsync(cutoff + Period);

        Assert.Equal(1, report.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.WebhookBodies));
        Assert.Equal(0, await RawBodiesAsync(oldWamid));
        Assert.Equal(1, await RawBodiesAsync(otherWamid));
        Assert.Equal(1, await RawBodiesAsync(youngWamid));
        Assert.Equal([(RetentionKind.WebhookBodies.ToString(), 1L)], await PurgeEventsAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Access_records_past_their_period_are_deleted_from_the_audit()
    {
        var tenant = await Messaging.TenantAsync();
        var auditor = await Messaging.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Auditor);
        await PolicyAsync(tenant.TenantId, new RetentionPolicy { AccessRecords = Duration.FromTimeSpan(Period) });
        await Messaging.CustomerWritesAsync(tenant, InboundBed.NewWaId(), "Halo");
        await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest());
        var cutoff = DateTimeOffset.UtcNow;
        await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest());
        var older = await AccessEventsAsync(tenant.TenantId, cutoff);
        Assert.True(older > 0);
        Assert.Equal(older, await AccessEntriesAsync(tenant.TenantId, cutoff));

        var report = await PurgeAtAsync(cutoff + Period);

        Assert.Equal(older, report.CountOf(Guid.Parse(tenant.TenantId), RetentionKind.AccessRecords));
        Assert.Equal(0, await AccessEventsAsync(tenant.TenantId, cutoff));
        Assert.Equal(0, await AccessEntriesAsync(tenant.TenantId, cutoff));
        var listed = (await new AuditService.AuditServiceClient(auditor.Channel).ListDataAccessAsync(new ListDataAccessRequest { PageSize = 100 })).DataAccesses;
        Assert.All(listed, a => Assert.True(a.AccessTime.ToDateTimeOffset() >= cutoff, $"{a.Operation} at {a.AccessTime} is older than the cutoff"));
        Assert.Single(listed, a => a.Operation.EndsWith("/ListConversations", StringComparison.Ordinal));
        Assert.Equal([(RetentionKind.AccessRecords.ToString(), (long)older)], await PurgeEventsAsync(tenant.TenantId));
    }

    private Task<PurgeReport> PurgeAtAsync(DateTimeOffset now) => PrivacyBed.PurgeAtAsync(app, now);

    private async Task PolicyAsync(string tenantId, RetentionPolicy policy, Team.Caller? caller = null)
    {
        caller ??= await Messaging.Team.MemberCaller(tenantId, TenantsApi.MemberRole.Owner);
        await new PrivacyService.PrivacyServiceClient(caller.Channel).UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest { Policy = policy });
    }

    private static async Task<IReadOnlyList<Message>> MessagesAsync(SendingTenant tenant, string? customer = null)
    {
        var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations
            .Single(c => customer is null || c.Customer.WaId == customer);
        return (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id, PageSize = 500 })).Messages;
    }

    private async Task<(SendingTenant Tenant, Team.Caller Admin)> ShopWithAiAsync()
    {
        var tenant = await Messaging.TenantAsync();
        var admin = await Messaging.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Admin);
        await new KnowledgeService.KnowledgeServiceClient(admin.Channel).ImportEntriesAsync(new ImportEntriesRequest
        {
            Entries =
            {
                new ImportEntry { Question = "Jam buka toko kapan?", Answer = "Toko buka Senin–Sabtu 09.00–20.00 WIB.", Language = "id" },
                new ImportEntry { Question = "Berapa ongkos kirim?", Answer = "Ongkir mulai Rp10.000 di Jawa.", Language = "id" },
            },
        });
        var automation = new AutomationService.AutomationServiceClient(admin.Channel);
        var settings = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        settings.Enabled = true;
        await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = settings });
        return (tenant, admin);
    }

    /// <summary>The AI's reply to the customer, once accepted by Meta (bounded: 20 s).</summary>
    private static async Task<Message> AiReplyAsync(SendingTenant tenant, string customer)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var conversations = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations;
            if (conversations.Any(c => c.Customer.WaId == customer)
                && (await MessagesAsync(tenant, customer)).FirstOrDefault(m => m.Origin == MessageOrigin.Ai && m.SendState == SendState.Accepted) is { } reply)
            {
                return reply;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the AI did not reply");
            await Task.Delay(100);
        }
    }

    private async Task<long> RawBodiesAsync(string wamid) =>
        await ScalarAsync($"select count(*) from pesanai.inbound_webhooks where position('{wamid}'::bytea in body) > 0");

    private async Task<int> AccessEventsAsync(string tenantId, DateTimeOffset before) =>
        (int)await ScalarAsync(
            $"select count(*) from pesanai.mt_events where type = 'data_accessed' and tenant_id = '{tenantId}' and (data->>'accessedAt')::timestamptz < '{before:O}'");

    private async Task<long> AccessEntriesAsync(string tenantId, DateTimeOffset before) =>
        await ScalarAsync($"select count(*) from pesanai.mt_doc_dataaccessentry where tenant_id = '{tenantId}' and accessed_at < '{before:O}'");

    /// <summary>The tenant's retention_purged events: kind and count, in order.</summary>
    private async Task<List<(string Kind, long Count)>> PurgeEventsAsync(string tenantId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data->>'kind', (data->>'count')::bigint from pesanai.mt_events where stream_id = $1 and type = 'retention_purged' order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(tenantId) });
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
