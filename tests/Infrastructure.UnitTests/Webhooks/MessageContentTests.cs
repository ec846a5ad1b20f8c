using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class MessageContentTests
{
    private const string MediaUrl = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=";

    [Fact]
    public void Text_message_keeps_body_sender_profile_and_time() =>
        Fixtures.SingleMessage("text", MessageContent.OfText("Hello, is the blue shirt still in stock?"));

    [Fact]
    public void Image_keeps_caption_hash_and_url() => Fixtures.SingleMessage(
        "image",
        new MessageContent("image") { Media = new MediaContent("1003383421387256", "image/jpeg", Fixtures.Sha256, Caption: "Like this one", Url: MediaUrl + "1003383421387256") });

    [Fact]
    public void Audio_keeps_the_voice_flag() => Fixtures.SingleMessage(
        "audio",
        new MessageContent("audio") { Media = new MediaContent("1003383421387257", "audio/ogg; codecs=opus", Fixtures.Sha256, Voice: true, Url: MediaUrl + "1003383421387257") });

    [Fact]
    public void Video_keeps_caption() => Fixtures.SingleMessage(
        "video",
        new MessageContent("video") { Media = new MediaContent("1003383421387258", "video/mp4", Fixtures.Sha256, Caption: "Unboxing") });

    [Fact]
    public void Document_keeps_filename_and_caption() => Fixtures.SingleMessage(
        "document",
        new MessageContent("document") { Media = new MediaContent("1003383421387259", "application/pdf", Fixtures.Sha256, Caption: "Invoice March", Filename: "invoice-2025-03.pdf") });

    [Fact]
    public void Sticker_keeps_the_animated_flag() => Fixtures.SingleMessage(
        "sticker",
        new MessageContent("sticker") { Media = new MediaContent("1003383421387260", "image/webp", Fixtures.Sha256, Animated: true) });

    [Fact]
    public void Location_keeps_exact_coordinates_and_names() => Fixtures.SingleMessage(
        "location",
        new MessageContent("location")
        {
            Location = new LocationContent(37.483253479003906, -122.14960479736328, "Philz Coffee", "1 Hacker Way, Menlo Park, CA 94025", "https://philzcoffee.com"),
        });

    [Fact]
    public void Contacts_keep_every_card_with_phones_and_emails()
    {
        var message = Fixtures.SingleMessage("contacts");
        var content = message.Message.Content;
        Assert.Equal(("contacts", null), (content.Type, content.RawJson));
        var cards = Assert.IsAssignableFrom<IReadOnlyList<ContactCard>>(content.Contacts);
        Assert.Equal(2, cards.Count);

        Assert.Equal(new ContactCard("Barbara J. Johnson", cards[0].Phones, cards[0].Emails, "Lucky Shrub", "1999-01-23"), cards[0]);
        Assert.Equal([new ContactPhone("+1 (940) 555-1234", "19405551234", "WORK"), new ContactPhone("+1 (650) 555-1234", null, "HOME")], cards[0].Phones);
        Assert.Equal(["bjohnson@example.com", "bjohnson@example.org"], cards[0].Emails);

        Assert.Equal(new ContactCard("Ali", cards[1].Phones, cards[1].Emails), cards[1]);
        Assert.Equal([new ContactPhone("+62 812 5555 0000")], cards[1].Phones);
        Assert.Empty(cards[1].Emails);
        Assert.Equal(new InboundMessage(Fixtures.Wamid, Fixtures.Sheena, content, null, null, Fixtures.SentAt), message.Message);
    }
}
