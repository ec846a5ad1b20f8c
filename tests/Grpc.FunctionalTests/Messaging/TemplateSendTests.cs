extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;
using Cons = client::PesanAI.Protos.Consent.V1;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>Templates outside the window, Meta's approval by webhook, and the consent rules for marketing.</summary>
public sealed class TemplateSendTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task A_registered_template_is_approved_by_Meta_webhook_and_goes_out_outside_the_window()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();

        var template = await MessagingBed.ApprovedTemplateAsync(tenant, "order_shipped", TemplateCategory.Utility, "Pesanan {{1}} dikirim, resi {{2}}.");
        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, customer, "order_shipped", "INV-7", "JNE123"));
        var accepted = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status >= DeliveryStatus.Delivered);

        Assert.Equal(TemplateStatus.Approved, template.Status);
        Assert.Equal(2, template.BodyParameters);
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray());
        Assert.Equal("order_shipped", atMeta.GetProperty("request").GetProperty("template").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_templates_and_wrong_parameter_counts_are_refused()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await MessagingBed.ApprovedTemplateAsync(tenant, "otp_code", TemplateCategory.Authentication, "Kode Anda {{1}}.");

        var unknown = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, customer, "no_such_template", "x")).ResponseAsync);
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, customer, "otp_code", "1", "2")).ResponseAsync);

        RpcAssert.Reason(unknown, StatusCode.FailedPrecondition, "TEMPLATE_NOT_APPROVED");
        Assert.Equal(StatusCode.InvalidArgument, mismatch.StatusCode);
        RpcAssert.FieldViolation(mismatch, "content.template.body_parameters");
    }

    [Fact]
    public async Task Marketing_needs_an_opt_in_and_a_customer_STOP_ends_it_at_once_with_a_confirmation()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await MessagingBed.ApprovedTemplateAsync(tenant, "harbolnas_promo", TemplateCategory.Marketing, "Diskon {{1}} untuk Anda!");
        var consent = new Cons.ConsentService.ConsentServiceClient(tenant.Agent.Channel);
        var promo = MessagingBed.TemplateTo(tenant, customer, "harbolnas_promo", "50%");

        var withoutConsent = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(promo).ResponseAsync);
        await consent.RecordOptInAsync(new Cons.RecordOptInRequest
        {
            WaId = customer,
            Purpose = Cons.ConsentPurpose.Marketing,
            Source = Cons.ConsentSource.WebForm,
            Evidence = "https://toko.example/daftar?ref=42",
        });
        var allowed = await tenant.Messaging.SendMessageAsync(promo);
        await _bed.CustomerWritesAsync(tenant, customer, "  stop ");
        var afterStop = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(promo).ResponseAsync);

        RpcAssert.Reason(withoutConsent, StatusCode.FailedPrecondition, "CONSENT_REQUIRED");
        Assert.Equal(SendState.Queued, allowed.Message.SendState);
        RpcAssert.Reason(afterStop, StatusCode.FailedPrecondition, "OPTED_OUT");
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        Message? confirmation = null;
        while (confirmation?.SendState != SendState.Accepted && DateTimeOffset.UtcNow < deadline)
        {
            var messages = await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id });
            confirmation = messages.Messages.SingleOrDefault(m => m.Origin == MessageOrigin.System);
            await Task.Delay(50);
        }

        Assert.NotNull(confirmation);
        Assert.Equal(SendState.Accepted, confirmation.SendState);
        Assert.Contains("STOP", (await consent.GetConsentSettingsAsync(new Cons.GetConsentSettingsRequest())).StopKeywords);
    }

    [Fact]
    public async Task WhatsApp_stop_preference_refuses_marketing_even_after_an_opt_in()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await MessagingBed.ApprovedTemplateAsync(tenant, "flash_sale", TemplateCategory.Marketing, "Flash sale {{1}}!");
        var consent = new Cons.ConsentService.ConsentServiceClient(tenant.Agent.Channel);
        await consent.RecordOptInAsync(new Cons.RecordOptInRequest
        {
            WaId = customer,
            Purpose = Cons.ConsentPurpose.Marketing,
            Source = Cons.ConsentSource.InStore,
            Evidence = "Signed in store, Jl. Malioboro 12",
            CollectTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
        });

        using (var emulator = app.Emulator())
        {
            using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(
                emulator, "/_emulator/simulate/preferences", new { phone_number_id = tenant.PhoneNumberId, wa_id = customer, value = "stop" });
            response.EnsureSuccessStatusCode();
        }

        await app.UntilInboundProcessedAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, customer, "flash_sale", "11.11")).ResponseAsync);

        RpcAssert.Reason(refused, StatusCode.FailedPrecondition, "OPTED_OUT");
    }
}
