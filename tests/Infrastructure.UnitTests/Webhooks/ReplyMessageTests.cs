using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class ReplyMessageTests
{
    private static readonly MessageContext RepliesToBusiness = new(Fixtures.ContextWamid, Fixtures.DisplayPhoneNumber);

    [Fact]
    public void Button_reply_keeps_id_title_and_quoted_message() => Fixtures.SingleMessage(
        "interactive_button_reply",
        new MessageContent("interactive") { Interactive = new InteractiveReply("button_reply", "cancel-order", "Cancel order") },
        RepliesToBusiness);

    [Fact]
    public void List_reply_keeps_the_row_description() => Fixtures.SingleMessage(
        "interactive_list_reply",
        new MessageContent("interactive") { Interactive = new InteractiveReply("list_reply", "priority-express", "Express shipping", "Next day to most cities") },
        RepliesToBusiness);

    [Fact]
    public void Flow_reply_keeps_response_json_as_the_exact_string() => Fixtures.SingleMessage(
        "interactive_nfm_reply",
        new MessageContent("interactive")
        {
            Interactive = new InteractiveReply(
                "nfm_reply",
                string.Empty,
                "Sent",
                FlowName: "flow",
                FlowResponseJson: """{"flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","firstName":"Sheena","optin":true}"""),
        },
        RepliesToBusiness);

    [Fact]
    public void Template_quick_reply_button_keeps_payload_and_text() => Fixtures.SingleMessage(
        "button",
        new MessageContent("button") { Button = new ButtonReply("STOP_PROMOTIONS", "Stop promotions") },
        RepliesToBusiness);

    [Fact]
    public void Reaction_keeps_the_emoji_with_its_skin_tone() => Fixtures.SingleMessage(
        "reaction_added",
        new MessageContent("reaction") { Reaction = new ReactionContent(Fixtures.ContextWamid, "\U0001F44D\U0001F3FD") });

    [Fact]
    public void Reaction_without_emoji_is_a_removal() => Fixtures.SingleMessage(
        "reaction_removed",
        new MessageContent("reaction") { Reaction = new ReactionContent(Fixtures.ContextWamid, null) });

    [Fact]
    public void Order_keeps_items_with_exact_decimal_prices()
    {
        var message = Fixtures.SingleMessage("order").Message;
        var content = message.Content;
        var order = Assert.IsType<OrderContent>(content.Order);
        Assert.Equal(new OrderContent("194836987003835", "Please deliver after 5pm", order.Items), order);
        Assert.Equal([new OrderItem("di9ozbzfi4", 2, 30m, "USD"), new OrderItem("nqryix03ez", 1, 12.99m, "USD")], order.Items);
        Assert.Equal(new InboundMessage(Fixtures.Wamid, Fixtures.Sheena, new MessageContent("order") { Order = order }, null, null, Fixtures.SentAt), message);
    }
}
