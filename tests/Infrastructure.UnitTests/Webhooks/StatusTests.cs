using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class StatusTests
{
    [Fact]
    public void Sent_keeps_pricing_recipient_ids_and_callback_data()
    {
        var status = SingleStatus("status_sent");
        Assert.Equal(
            new StatusUpdate(
                Fixtures.OutboundWamid, DeliveryStatus.Sent, At(1750263773), Fixtures.CustomerWaId, status.Update.Errors, new PricingInfo(true, "PMP", "utility", "regular"), "US.13491208655302741918")
            {
                CallbackData = "order-1234",
            },
            status.Update);
        Assert.Empty(status.Update.Errors);
        Assert.Equal("sent", status.RawStatus);
    }

    [Fact]
    public void Delivered_keeps_free_pricing()
    {
        var status = SingleStatus("status_delivered");
        Assert.Equal(
            new StatusUpdate(Fixtures.OutboundWamid, DeliveryStatus.Delivered, At(1750263774), Fixtures.CustomerWaId, status.Update.Errors, new PricingInfo(false, "PMP", "service", "free_customer_service")),
            status.Update);
        Assert.Empty(status.Update.Errors);
        Assert.Equal(("delivered", null, null), (status.RawStatus, status.Update.RecipientUserId, status.Update.CallbackData));
    }

    [Theory]
    [InlineData("status_read", "read", DeliveryStatus.Read, 1750263775)]
    [InlineData("status_played", "played", DeliveryStatus.Played, 1750263776)]
    [InlineData("status_unknown", "deleted", DeliveryStatus.Unknown, 1750263778)]
    public void Status_without_pricing(string fixture, string raw, DeliveryStatus expected, long at)
    {
        var status = SingleStatus(fixture);
        Assert.Equal(new StatusUpdate(Fixtures.OutboundWamid, expected, At(at), Fixtures.CustomerWaId, status.Update.Errors, null), status.Update);
        Assert.Empty(status.Update.Errors);
        Assert.Equal((raw, null, null), (status.RawStatus, status.Update.RecipientUserId, status.Update.CallbackData));
    }

    [Fact]
    public void Failed_keeps_every_error_with_code_and_details()
    {
        var status = SingleStatus("status_failed");
        Assert.Equal(new StatusUpdate(Fixtures.OutboundWamid, DeliveryStatus.Failed, At(1750263777), Fixtures.CustomerWaId, status.Update.Errors, null), status.Update);
        Assert.Equal(
            [
                new MessageError(
                    131047,
                    "Re-engagement message",
                    "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
                new MessageError(131026, "Message undeliverable"),
            ],
            status.Update.Errors);
        Assert.Equal("failed", status.RawStatus);
    }

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static WebhookStatus SingleStatus(string fixture)
    {
        var change = Fixtures.SingleChange(fixture);
        Assert.Equal((Fixtures.PhoneNumberId, Fixtures.DisplayPhoneNumber), (change.PhoneNumberId, change.DisplayPhoneNumber));
        Assert.Empty(change.Messages);
        Assert.Empty(change.Errors);
        return Assert.Single(change.Statuses);
    }
}
