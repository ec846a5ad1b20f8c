using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class CustomerIdentityTests
{
    [Fact]
    public void A_newer_message_brings_its_non_empty_names_and_keeps_the_rest()
    {
        var state = Given(
            Received("wamid.in1", sentAt: StartedAt, from: new CustomerIdentity("6281234567890", "ID.111", "Sari")),
            Received("wamid.in2", sentAt: StartedAt.AddMinutes(1), from: new CustomerIdentity("", null, "Sari W.")));

        Assert.Equal(new CustomerIdentity("6281234567890", "ID.111", "Sari W."), state.Customer);
    }

    [Fact]
    public void A_late_older_message_only_fills_what_is_missing()
    {
        var state = Given(
            Received("wamid.in2", sentAt: StartedAt.AddMinutes(1), from: new CustomerIdentity("6281234567890", null, "Sari W.")),
            Received("wamid.in1", sentAt: StartedAt, from: new CustomerIdentity("6281234567890", "ID.111", "Sari")));

        Assert.Equal(new CustomerIdentity("6281234567890", "ID.111", "Sari W."), state.Customer);
    }

    [Fact]
    public void A_conversation_started_by_a_status_learns_the_customer_from_the_first_message()
    {
        var state = Fold(null, Apply(null, Status(DeliveryStatus.Sent)))!;
        state = Fold(state, Receive(state, Inbound(from: new CustomerIdentity("6281234567890", "ID.111", "Sari"))))!;

        Assert.Equal(new CustomerIdentity("6281234567890", "ID.111", "Sari"), state.Customer);
    }

    [Fact]
    public void A_changed_number_notice_moves_the_customer_to_the_new_wa_id_and_late_old_messages_do_not_move_it_back()
    {
        var notice = new MessageContent("system") { System = new SystemNotice("user_changed_number", "Sari changed her number", "6289876543210") };

        var state = Given(
            Received("wamid.in2", sentAt: StartedAt.AddMinutes(5), from: new CustomerIdentity("6281234567890", null), content: notice),
            Received("wamid.in1", sentAt: StartedAt, from: new CustomerIdentity("6281234567890", null, "Sari")));

        Assert.Equal(new CustomerIdentity("6289876543210", null, "Sari"), state.Customer);
    }

    [Fact]
    public void A_changed_user_id_notice_moves_the_customer_to_the_new_user_id_and_keeps_the_number()
    {
        var notice = new MessageContent("system") { System = new SystemNotice("user_changed_user_id", "Sari's id changed", null, "ID.222") };

        var state = Given(
            Received("wamid.in1", sentAt: StartedAt, from: new CustomerIdentity("6281234567890", "ID.111", "Sari")),
            Received("wamid.in2", sentAt: StartedAt.AddMinutes(5), from: new CustomerIdentity(null, "ID.111"), content: notice));

        Assert.Equal(new CustomerIdentity("6281234567890", "ID.222", "Sari"), state.Customer);
        Assert.Equal("6281234567890", state.Customer.Recipient);
    }

    [Fact]
    public void A_changed_user_id_is_where_a_customer_known_only_by_user_id_is_answered()
    {
        var notice = new MessageContent("system") { System = new SystemNotice("user_changed_user_id", "changed", null, "ID.222") };

        Assert.Equal("ID.222", CustomerMerge.Announced(new CustomerIdentity(null, "ID.111"), notice).Recipient);
        Assert.Equal(new CustomerIdentity(null, "ID.111"), CustomerMerge.Announced(new CustomerIdentity(null, "ID.111"), new MessageContent("text")));
    }
}
