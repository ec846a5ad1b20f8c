using System.Text.Json;
using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class SpecialMessageTests
{
    [Fact]
    public void User_changed_number_names_the_new_wa_id_and_keeps_the_raw_json()
    {
        var message = Fixtures.SingleMessage("system_user_changed_number");
        var content = message.Message.Content;
        AssertRawJsonIsVerbatim("system_user_changed_number", content.RawJson);
        var notice = new SystemNotice("user_changed_number", "User Sheena Nelson changed from 16505551234 to 12195555358", "12195555358");
        Assert.Equal(new MessageContent("system") { System = notice, RawJson = content.RawJson }, content);

        // No contacts in a system value: the sender is the old number, without a profile name.
        Assert.Equal(
            new InboundMessage(Fixtures.Wamid, new CustomerIdentity(Fixtures.CustomerWaId, null), content, null, null, Fixtures.SentAt),
            message.Message);
    }

    [Fact]
    public void User_changed_user_id_names_the_new_user_id_and_comes_from_the_old_one()
    {
        var message = Fixtures.SingleMessage("system_user_changed_user_id");
        var content = message.Message.Content;

        Assert.Equal(new SystemNotice("user_changed_user_id", "User Sheena Nelson changed from ID.9876543210987654321 to ID.1234567890123456789", null, "ID.1234567890123456789"), content.System);
        Assert.Equal(new CustomerIdentity(null, Fixtures.BusinessUserId), message.Message.From);
    }

    [Fact]
    public void User_changed_user_id_without_from_user_id_comes_from_its_previous_user_id()
    {
        var body = Payloads.Value("""
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "messages":[{"id":"wamid.1","timestamp":"1739321024","type":"system",
               "system":{"body":"changed","type":"user_changed_user_id","user_id":"ID.2","previous_user_id":"ID.1"}}]}
            """);

        var message = Assert.Single(Assert.Single(Fixtures.Parse(body).Changes).Messages);

        Assert.Equal(new CustomerIdentity(null, "ID.1"), message.Message.From);
        Assert.Equal("ID.2", message.Message.Content.System?.NewUserId);
    }

    [Fact]
    public void Request_welcome_has_no_body() =>
        Fixtures.SingleMessage("request_welcome", new MessageContent("request_welcome"));

    [Fact]
    public void Unsupported_keeps_its_raw_json_and_error_131051()
    {
        var message = Fixtures.SingleMessage("unsupported");
        AssertKeptRaw("unsupported", message, "unsupported");
        Assert.Equal([new MessageError(131051, "Message type unknown", "Message type unknown", "Message type is currently not supported.")], message.Errors);
        using var raw = JsonDocument.Parse(message.Message.Content.RawJson!);
        Assert.Equal("poll_update", raw.RootElement.GetProperty("unsupported").GetProperty("type").GetString());
    }

    [Fact]
    public void Legacy_unknown_type_is_kept_raw_with_its_error()
    {
        var message = Fixtures.SingleMessage("unknown_legacy");
        AssertKeptRaw("unknown_legacy", message, "unknown");
        Assert.Equal([new MessageError(131051, "Unsupported message type")], message.Errors);
    }

    [Fact]
    public void A_type_Meta_adds_later_is_kept_with_its_name_and_raw_json()
    {
        var message = Fixtures.SingleMessage("future_type");
        AssertKeptRaw("future_type", message, "poll");
        Assert.Empty(message.Errors);
    }

    [Fact]
    public void Reply_context_names_the_quoted_message() => Fixtures.SingleMessage(
        "context_reply", MessageContent.OfText("Yes, that one"), new MessageContext(Fixtures.ContextWamid, Fixtures.DisplayPhoneNumber));

    [Fact]
    public void Forwarded_context() => Fixtures.SingleMessage(
        "context_forwarded", MessageContent.OfText("Look at this"), new MessageContext(Forwarded: true));

    [Fact]
    public void Frequently_forwarded_context() => Fixtures.SingleMessage(
        "context_frequently_forwarded", MessageContent.OfText("Chain letter"), new MessageContext(FrequentlyForwarded: true));

    [Fact]
    public void Product_enquiry_context_names_catalog_and_product() => Fixtures.SingleMessage(
        "context_referred_product",
        MessageContent.OfText("Is this available in XL?"),
        new MessageContext(Fixtures.ContextWamid, Fixtures.DisplayPhoneNumber, ReferredCatalogId: "194836987003835", ReferredProductRetailerId: "di9ozbzfi4"));

    [Fact]
    public void Click_to_whatsapp_video_ad_referral() => Fixtures.SingleMessage(
        "referral",
        MessageContent.OfText("I saw your ad"),
        referral: new AdReferral(
            SourceUrl: "https://fb.me/3cr4Wqqkv",
            SourceId: "120226305854810726",
            SourceType: "ad",
            Headline: "Chat with us",
            Body: "Summer sale: 30% off all shirts",
            MediaType: "video",
            ImageUrl: null,
            VideoUrl: "https://www.facebook.com/video.php?v=1234",
            ThumbnailUrl: "https://scontent.xx.fbcdn.net/v/t45.1600-4/thumb.jpg",
            CtwaClid: "Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50",
            WelcomeMessage: "Hi there! Let us know how we can help!"));

    [Fact]
    public void Image_ad_referral_without_click_id() => Fixtures.SingleMessage(
        "referral_image",
        MessageContent.OfText("Hi"),
        referral: new AdReferral(
            "https://fb.me/abc", "120226305854810727", "ad", "Shop now", "New arrivals", "image", "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg", null, null, null, null));

    private static void AssertKeptRaw(string fixture, WebhookMessage message, string type)
    {
        var content = message.Message.Content;
        AssertRawJsonIsVerbatim(fixture, content.RawJson);
        Assert.Equal(new MessageContent(type) { RawJson = content.RawJson }, content);
        Assert.Equal(new InboundMessage(Fixtures.Wamid, Fixtures.Sheena, content, null, null, Fixtures.SentAt), message.Message);
    }

    /// <summary>The exact text of the message object: a re-serialisation would lose the fixture's indentation.</summary>
    private static void AssertRawJsonIsVerbatim(string fixture, string? rawJson)
    {
        Assert.NotNull(rawJson);
        Assert.StartsWith("{", rawJson, StringComparison.Ordinal);
        Assert.EndsWith("}", rawJson, StringComparison.Ordinal);
        Assert.Contains("\n", rawJson, StringComparison.Ordinal);
        Assert.Contains(rawJson, Fixtures.Text(fixture), StringComparison.Ordinal);
        using var raw = JsonDocument.Parse(rawJson);
        Assert.Equal(Fixtures.Wamid, raw.RootElement.GetProperty("id").GetString());
    }
}
