using PesanAI.Application.Inbound;
using PesanAI.Application.Templates;
using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class ChangeFieldTests
{
    [Fact]
    public void Value_errors_belong_to_the_change()
    {
        var change = Fixtures.SingleChange("value_errors");
        Assert.Equal((Fixtures.PhoneNumberId, Fixtures.DisplayPhoneNumber), (change.PhoneNumberId, change.DisplayPhoneNumber));
        Assert.Equal(
            [new MessageError(131000, "Something went wrong", "Something went wrong", "Unknown error. Please retry."), new MessageError(130429, "Rate limit hit")],
            change.Errors);
        Assert.Empty(change.Messages);
        Assert.Empty(change.Statuses);
    }

    [Fact]
    public void User_preferences_stop_and_resume_with_numeric_timestamps()
    {
        var change = Fixtures.SingleChange("user_preferences", "user_preferences");
        Assert.Equal((Fixtures.PhoneNumberId, Fixtures.DisplayPhoneNumber), (change.PhoneNumberId, change.DisplayPhoneNumber));
        Assert.Equal(
            [
                new CustomerPreference(
                    Fixtures.Sheena, "marketing_messages", "stop", "User requested to stop marketing messages", DateTimeOffset.FromUnixTimeSeconds(1731705721)),
                new CustomerPreference(
                    new CustomerIdentity(null, Fixtures.BusinessUserId, "Budi"),
                    "marketing_messages",
                    "resume",
                    "User requested to resume marketing messages",
                    DateTimeOffset.FromUnixTimeSeconds(1731705722)),
            ],
            change.UserPreferences);
        Assert.Empty(change.Messages);
    }

    [Fact]
    public void Template_approved()
    {
        var change = Fixtures.SingleChange("template_approved", "message_template_status_update");
        Assert.Equal((null, null), (change.PhoneNumberId, change.DisplayPhoneNumber));
        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, "APPROVED", "1689556908129832", "order_confirmation", "en_US", "NONE", "UTILITY"),
            change.TemplateStatus);
        Assert.Empty(change.Messages);
    }

    [Fact]
    public void Template_quality_update_carries_the_new_score()
    {
        var change = Fixtures.SingleChange("template_quality", "message_template_quality_update");
        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, TemplateStatusReport.QualityUpdate, "1689556908129832", "order_confirmation", "en_US", null, null) { NewQuality = "YELLOW" },
            change.TemplateStatus);
    }

    [Fact]
    public void Template_category_notice_and_change_keep_both_categories_and_when()
    {
        var notice = Fixtures.SingleChange("template_category_notice", "template_category_update");
        var changed = Fixtures.SingleChange("template_category_changed", "template_category_update");

        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, TemplateStatusReport.CategoryUpdate, "1689556908129832", "order_confirmation", "en_US", null, null)
            {
                NewCategory = "UTILITY", CorrectCategory = "MARKETING", CategoryChangeAt = DateTimeOffset.FromUnixTimeSeconds(1751334000),
            },
            notice.TemplateStatus);
        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, TemplateStatusReport.CategoryUpdate, "1689556908129832", "order_confirmation", "en_US", null, null) { NewCategory = "MARKETING" },
            changed.TemplateStatus);
    }

    [Fact]
    public void Template_rejected_keeps_the_rejection_info()
    {
        var change = Fixtures.SingleChange("template_rejected", "message_template_status_update");
        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, "REJECTED", "1689556908129835", "abandoned_cart", "en", "INVALID_FORMAT", "MARKETING")
            {
                RejectionDetail = "Variable parameters are missing or have mismatched curly braces.",
                Recommendation = "Check that every variable uses two curly braces, like {{1}}.",
            },
            change.TemplateStatus);
    }

    [Fact]
    public void Template_disabled_keeps_date_and_pause_info_and_a_null_reason()
    {
        var change = Fixtures.SingleChange("template_disabled", "message_template_status_update");
        Assert.Equal(
            new TemplateStatusReport(Fixtures.WabaId, "DISABLED", "1689556908129836", "spring_sale", "id", null, "MARKETING")
            {
                DisabledAt = DateTimeOffset.FromUnixTimeSeconds(1751234563),
                InfoTitle = "SECOND_PAUSE",
                InfoDescription = "Your WhatsApp message template has been paused for 6 hours.",
            },
            change.TemplateStatus);
    }

    [Fact]
    public void A_field_PesanAI_does_not_handle_keeps_its_value_verbatim()
    {
        var change = Fixtures.SingleChange("account_alerts", "account_alerts");
        var unhandled = Assert.IsType<UnhandledChange>(change.Unhandled);
        Assert.Equal("account_alerts", unhandled.Field);
        Assert.Contains(unhandled.ValueJson, Fixtures.Text("account_alerts"), StringComparison.Ordinal);
        Assert.Contains("\"alert_type\": \"OBA_APPROVED\"", unhandled.ValueJson, StringComparison.Ordinal);
        Assert.Equal((null, null), (change.PhoneNumberId, change.TemplateStatus));
        Assert.Empty(change.Messages);
    }

    [Fact]
    public void Every_entry_change_message_and_status_in_order()
    {
        var parsed = Fixtures.Parse(Fixtures.Bytes("multi_entry"));
        Assert.Empty(parsed.Problems);
        Assert.Equal(
            [
                ("messages", Fixtures.WabaId, Fixtures.PhoneNumberId, Fixtures.DisplayPhoneNumber),
                ("messages", Fixtures.WabaId, Fixtures.PhoneNumberId, Fixtures.DisplayPhoneNumber),
                ("messages", "102290129340399", "106540352242923", "15550783882"),
                ("message_template_status_update", "102290129340399", null, null),
            ],
            parsed.Changes.Select(c => (c.Field, c.WabaId, c.PhoneNumberId, c.DisplayPhoneNumber)));

        var budi = new CustomerIdentity("6281255550000", null, "Budi Santoso");
        Assert.Equal(
            [
                new InboundMessage(Fixtures.Wamid, Fixtures.Sheena, MessageContent.OfText("first"), null, null, Fixtures.SentAt),
                new InboundMessage("wamid.B1", budi, MessageContent.OfText("second"), null, null, DateTimeOffset.FromUnixTimeSeconds(1739321030)),
                new InboundMessage("wamid.A2", Fixtures.Sheena, MessageContent.OfText("third"), null, null, DateTimeOffset.FromUnixTimeSeconds(1739321031)),
            ],
            parsed.Changes[0].Messages.Select(m => m.Message));
        Assert.Equal(
            [("wamid.OUT1", DeliveryStatus.Read, Fixtures.CustomerWaId), ("wamid.OUT2", DeliveryStatus.Delivered, "6281255550000")],
            parsed.Changes[1].Statuses.Select(s => (s.Update.Wamid, s.Update.Status, s.Update.RecipientId)));
        Assert.Empty(parsed.Changes[1].Messages);

        var citra = Assert.Single(parsed.Changes[2].Messages).Message;
        Assert.Equal(
            new InboundMessage(
                "wamid.C1",
                new CustomerIdentity("6281355550001", null, "Citra"),
                new MessageContent("image") { Media = new MediaContent("555", "image/png", Fixtures.Sha256) },
                null,
                null,
                DateTimeOffset.FromUnixTimeSeconds(1739321050)),
            citra);
        Assert.Equal(("wamid.OUT3", DeliveryStatus.Sent), Assert.Single(parsed.Changes[2].Statuses).Update is var s ? (s.Wamid, s.Status) : default);
        Assert.Equal(new TemplateStatusReport("102290129340399", "PAUSED", "42", "promo", "id", "NONE", null), parsed.Changes[3].TemplateStatus);
    }

    [Fact]
    public void Customer_with_a_username_only_has_no_wa_id()
    {
        var change = Fixtures.SingleChange("username_only");
        var budi = new CustomerIdentity(null, Fixtures.BusinessUserId, "Budi");
        Assert.Equal(
            [
                new InboundMessage("wamid.U1", budi, MessageContent.OfText("hai"), null, null, Fixtures.SentAt),
                new InboundMessage("wamid.U2", budi, MessageContent.OfText("from omitted"), null, null, Fixtures.SentAt),
            ],
            change.Messages.Select(m => m.Message));
        Assert.All(change.Messages, m => Assert.Equal("budi.s", m.Username));
        Assert.All(change.Messages, m => Assert.True(m.Message.From.IsKnown));
    }

    [Fact]
    public void Phone_and_business_scoped_ids_complete_each_other_from_contacts()
    {
        var change = Fixtures.SingleChange("business_scoped_ids");
        var sheena = new CustomerIdentity(Fixtures.CustomerWaId, "US.13491208655302741918", "Sheena Nelson");
        var budi = new CustomerIdentity("6281255550000", "ID.1111111111111111111", "Budi Santoso");
        Assert.Equal(
            [("wamid.P1", sheena, null), ("wamid.P2", budi, "budi.s"), ("wamid.P3", sheena, null)],
            change.Messages.Select(m => (m.Message.Wamid, m.Message.From, m.Username)));
    }

    [Fact]
    public void Template_ids_keep_every_digit()
    {
        var body = Payloads.Value("""{"event":"APPROVED","message_template_id":9007199254740993,"message_template_name":"n","message_template_language":"en"}""", "message_template_status_update");
        var change = Assert.Single(Fixtures.Parse(body).Changes);
        Assert.Equal(new TemplateStatusReport(Fixtures.WabaId, "APPROVED", "9007199254740993", "n", "en", null, null), change.TemplateStatus);
    }
}
