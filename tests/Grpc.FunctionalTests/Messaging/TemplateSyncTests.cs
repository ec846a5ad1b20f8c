extern alias client;

using System.Net.Http.Json;
using System.Text.Json;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Media.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Audit;
using PesanAI.FunctionalTests.Media;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>
/// Templates created at Meta (the emulator's Business Manager), not through PesanAI: imported by SyncTemplates or on
/// first send, sent with every kind of component, kept current by Meta's template webhooks, and in the audit replay.
/// </summary>
public sealed class TemplateSyncTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    /// <summary>An order template with an image header, a positional body, a URL button and a quick reply.</summary>
    private static object[] OrderReadyComponents() =>
    [
        new { type = "HEADER", format = "IMAGE" },
        new { type = "BODY", text = "Pesanan {{1}} siap diambil, {{2}}." },
        new
        {
            type = "BUTTONS",
            buttons = new object[]
            {
                new { type = "URL", text = "Lacak", url = "https://toko.example/lacak/{{1}}" },
                new { type = "QUICK_REPLY", text = "Berhenti" },
            },
        },
    ];

    private async Task<string> CreatedAtMetaAsync(SendingTenant tenant, string name, string category, object[] components, string format = "POSITIONAL", string language = "id")
    {
        using var emulator = app.Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/templates", new
        {
            waba_id = tenant.WabaId,
            name,
            language,
            category,
            status = "APPROVED",
            parameter_format = format,
            components,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> StoredImageAsync(SendingTenant tenant) =>
        (await MediaBed.UploadAsync(new MediaService.MediaServiceClient(tenant.Agent.Channel), MediaType.Image, "image/jpeg", MediaBed.Bytes(2048), "order.jpg")).MediaId;

    private static SendMessageRequest OrderReady(SendingTenant tenant, string to, string mediaId) => new()
    {
        PhoneNumberId = tenant.PhoneNumberId,
        To = to,
        Template = new TemplateContent
        {
            Name = "order_ready",
            Language = "id",
            Header = new TemplateHeader { Image = new TemplateHeaderMedia { PesanaiMediaId = mediaId } },
            BodyParameters = { "INV-7", "Kak Sari" },
            Buttons =
            {
                new TemplateButtonParameter { Index = 0, UrlSuffix = "INV-7" },
                new TemplateButtonParameter { Index = 1, QuickReplyPayload = "stop-promo" },
            },
        },
    };

    [Fact]
    public async Task A_template_created_at_Meta_is_synced_and_sent_with_a_media_header_and_a_url_button()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await CreatedAtMetaAsync(tenant, "order_ready", "UTILITY", OrderReadyComponents());
        var image = await StoredImageAsync(tenant);

        var synced = await tenant.Templates.SyncTemplatesAsync(new SyncTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId });
        var again = await tenant.Templates.SyncTemplatesAsync(new SyncTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId });
        var sent = await tenant.Messaging.SendMessageAsync(OrderReady(tenant, customer, image));
        var accepted = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Accepted);

        Assert.Equal((1, 0), (synced.Imported, synced.Updated));
        Assert.Equal((0, 1), (again.Imported, again.Unchanged));
        var template = Assert.Single(synced.Templates);
        Assert.Equal((TemplateStatus.Approved, "IMAGE", 2), (template.Status, template.HeaderFormat, template.BodyParameters));
        Assert.Equal(["url", "quick_reply"], template.Components.Single(c => c.Type == "BUTTONS").Buttons.Select(b => b.ParameterKind));
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var request = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray()).GetProperty("request").GetProperty("template");
        var components = request.GetProperty("components").EnumerateArray().ToList();
        var header = components.Single(c => c.GetProperty("type").GetString() == "header").GetProperty("parameters")[0];
        Assert.Equal("image", header.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("image").GetProperty("id").GetString()));
        var url = components.Single(c => c.GetProperty("type").GetString() == "button" && c.GetProperty("sub_type").GetString() == "url");
        Assert.Equal(("0", "INV-7"), (url.GetProperty("index").GetString(), url.GetProperty("parameters")[0].GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_template_unknown_to_PesanAI_is_looked_up_at_Meta_on_first_send()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await CreatedAtMetaAsync(
            tenant, "named_notice", "UTILITY", [new { type = "BODY", text = "Halo {{customer_name}}, pesanan {{order_id}} sudah dikirim." }], format: "NAMED");

        var sent = await tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            PhoneNumberId = tenant.PhoneNumberId,
            To = customer,
            Template = new TemplateContent
            {
                Name = "named_notice",
                Language = "id",
                NamedBodyParameters =
                {
                    new TemplateNamedParameter { Name = "order_id", Text = "INV-9" },
                    new TemplateNamedParameter { Name = "customer_name", Text = "Sari" },
                },
            },
        });
        var accepted = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Accepted);

        Assert.Equal(SendState.Accepted, accepted.SendState);
        var listed = Assert.Single((await tenant.Templates.ListTemplatesAsync(new ListTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId })).Templates);
        Assert.Equal(TemplateParameterFormat.Named, listed.ParameterFormat);
        Assert.Equal(["customer_name", "order_id"], listed.BodyParameterNames);
        var body = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray()).GetProperty("request").GetProperty("template")
            .GetProperty("components")[0].GetProperty("parameters");
        Assert.Equal("order_id", body[0].GetProperty("parameter_name").GetString());
    }

    [Fact]
    public async Task Parameters_that_do_not_fit_the_template_are_refused_naming_them_and_nothing_is_queued()
    {
        var tenant = await _bed.TenantAsync();
        var other = await _bed.TenantAsync("Toko Lain");
        var customer = Inbound.InboundBed.NewWaId();
        await CreatedAtMetaAsync(tenant, "order_ready", "UTILITY", OrderReadyComponents());
        await tenant.Templates.SyncTemplatesAsync(new SyncTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId });
        var image = await StoredImageAsync(tenant);
        var othersImage = await StoredImageAsync(other);

        async Task<string> RefusedField(Action<SendMessageRequest> change)
        {
            var request = OrderReady(tenant, customer, image);
            change(request);
            var refused = await RpcAssert.InvalidArgument(() => tenant.Messaging.SendMessageAsync(request).ResponseAsync);
            return Assert.Single(refused.FieldViolations).Field;
        }

        Assert.Equal("content.template.body_parameters", await RefusedField(r => r.Template.BodyParameters.RemoveAt(1)));
        Assert.Equal("content.template.body_parameters", await RefusedField(r => r.Template.BodyParameters.Add("extra")));
        Assert.Equal("content.template.header.video", await RefusedField(r => r.Template.Header = new TemplateHeader { Video = new TemplateHeaderMedia { Link = "https://toko.example/v.mp4" } }));
        Assert.Equal("content.template.header_parameters", await RefusedField(r => r.Template.HeaderParameters.Add("text")));
        Assert.Equal("content.template.buttons[2].index", await RefusedField(r => r.Template.Buttons.Add(new TemplateButtonParameter { Index = 5, QuickReplyPayload = "x" })));
        Assert.Equal("content.template.buttons[0].coupon_code", await RefusedField(r => r.Template.Buttons[0] = new TemplateButtonParameter { Index = 0, CouponCode = "HEMAT" }));
        Assert.Equal("content.template.header.image.pesanai_media_id", await RefusedField(r => r.Template.Header.Image.PesanaiMediaId = othersImage));

        Assert.Empty((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
    }

    [Fact]
    public async Task Meta_template_webhooks_change_status_quality_and_category_as_events_in_the_audit_replay()
    {
        var tenant = await _bed.TenantAsync();
        var metaId = await CreatedAtMetaAsync(tenant, "promo_akhir_tahun", "UTILITY", [new { type = "BODY", text = "Diskon {{1}}!" }]);
        await tenant.Templates.SyncTemplatesAsync(new SyncTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId });
        using var emulator = app.Emulator();

        (await emulator.PostAsJsonAsync($"/_emulator/templates/{metaId}/quality", new { score = "RED" })).EnsureSuccessStatusCode();
        (await emulator.PostAsJsonAsync($"/_emulator/templates/{metaId}/category", new { category = "MARKETING" })).EnsureSuccessStatusCode();
        (await emulator.PostAsJsonAsync($"/_emulator/templates/{metaId}/status", new { status = "PAUSED", reason = "LOW_QUALITY" })).EnsureSuccessStatusCode();
        var paused = await UntilTemplateAsync(tenant, t => t.Status == TemplateStatus.Paused && t.Quality == TemplateQuality.Red && t.Category == TemplateCategory.Marketing);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "promo_akhir_tahun", "50%")).ResponseAsync);

        Assert.Equal((TemplateStatus.Paused, TemplateQuality.Red, TemplateCategory.Marketing), (paused.Status, paused.Quality, paused.Category));
        RpcAssert.Reason(refused, StatusCode.FailedPrecondition, "TEMPLATE_NOT_APPROVED");
        var auditor = await _bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Auditor);
        var types = (await AuditBed.ReplayAsync(new AuditService.AuditServiceClient(auditor.Channel))).Select(e => e.Type).ToList();
        Assert.Contains("template_imported", types);
        Assert.Contains("template_quality_changed", types);
        Assert.Contains("template_category_changed", types);
        Assert.Contains("template_status_changed", types);
    }

    private static async Task<Template> UntilTemplateAsync(SendingTenant tenant, Func<Template, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var template = (await tenant.Templates.ListTemplatesAsync(new ListTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId })).Templates.Single();
            if (done(template) || DateTimeOffset.UtcNow > deadline)
            {
                return template;
            }

            await Task.Delay(50);
        }
    }
}
