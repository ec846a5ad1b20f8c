using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class StatusTests
{
    [Fact]
    public void A_status_without_conversation_starts_it_with_the_recipient_as_customer()
    {
        var events = Apply(null, Status(DeliveryStatus.Sent, at: Now.AddSeconds(-5)), Now);

        Assert.Equal(
            [
                new ConversationStarted(ConversationId, TenantId, PhoneNumberId, CustomerId, new CustomerIdentity("6281234567890", null), Now),
                StatusChanged(DeliveryStatus.Sent, at: Now.AddSeconds(-5)),
            ],
            events);
    }

    [Fact]
    public void A_status_for_a_wamid_never_seen_is_kept()
    {
        var events = Apply(Given(Received()), Status(DeliveryStatus.Delivered, "wamid.sent-elsewhere"));

        Assert.Equal([StatusChanged(DeliveryStatus.Delivered, "wamid.sent-elsewhere")], events);
        Assert.Equal(DeliveryStatus.Delivered, Fold(Given(Received()), events)!.StatusOf("wamid.sent-elsewhere"));
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Played)]
    public void A_forward_status_is_recorded(DeliveryStatus current, DeliveryStatus next)
    {
        var events = Apply(Given(StatusChanged(current)), Status(next));

        Assert.Equal([StatusChanged(next)], events);
    }

    [Fact]
    public void A_late_delivered_after_read_changes_nothing()
    {
        Assert.Empty(Apply(Given(StatusChanged(DeliveryStatus.Sent), StatusChanged(DeliveryStatus.Read)), Status(DeliveryStatus.Delivered)));
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Played, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Played, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Accepted)]
    public void A_late_status_behind_the_current_one_changes_nothing(DeliveryStatus current, DeliveryStatus late)
    {
        Assert.Empty(Apply(Given(StatusChanged(current)), Status(late)));
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted)]
    [InlineData(DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Failed)]
    public void A_repeated_status_changes_nothing(DeliveryStatus status)
    {
        Assert.Empty(Apply(Given(StatusChanged(status)), Status(status, at: Now.AddMinutes(1))));
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted)]
    [InlineData(DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Delivered)]
    public void A_failure_before_the_customer_read_the_message_is_recorded_with_its_errors(DeliveryStatus current)
    {
        IReadOnlyList<MessageError> errors = [new MessageError(131026, "Message undeliverable")];

        var events = Apply(Given(StatusChanged(current)), Status(DeliveryStatus.Failed, errors: errors));

        Assert.Equal([new MessageStatusChanged(ConversationId, "wamid.out1", DeliveryStatus.Failed, Now, errors, null)], events);
    }

    [Fact]
    public void A_failure_of_a_wamid_never_seen_is_recorded()
    {
        Assert.Equal([StatusChanged(DeliveryStatus.Failed)], Apply(Given(), Status(DeliveryStatus.Failed)));
    }

    [Theory]
    [InlineData(DeliveryStatus.Accepted)]
    [InlineData(DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Unknown)]
    public void Nothing_moves_a_failed_message(DeliveryStatus later)
    {
        var failed = Given(StatusChanged(DeliveryStatus.Sent), StatusChanged(DeliveryStatus.Failed));

        Assert.Empty(Apply(failed, Status(later)));
        Assert.Equal(DeliveryStatus.Failed, failed.Evolve(StatusChanged(later)).StatusOf("wamid.out1"));
    }

    [Theory]
    [InlineData(DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Played)]
    public void A_failure_after_the_customer_read_the_message_changes_nothing(DeliveryStatus current)
    {
        Assert.Empty(Apply(Given(StatusChanged(current)), Status(DeliveryStatus.Failed)));
    }

    [Fact]
    public void A_status_Meta_added_that_PesanAI_cannot_name_changes_nothing()
    {
        Assert.Empty(Apply(Given(), Status(DeliveryStatus.Unknown)));
        Assert.Empty(Apply(null, Status(DeliveryStatus.Unknown)));
    }

    [Fact]
    public void A_status_on_a_closed_conversation_is_recorded_without_reopening_it()
    {
        var closed = Given(new ConversationClosed(ConversationId, StartedAt));

        var events = Apply(closed, Status(DeliveryStatus.Read));

        Assert.Equal([StatusChanged(DeliveryStatus.Read)], events);
        Assert.Equal(ConversationState.Closed, Fold(closed, events)!.State);
    }

    [Fact]
    public void Statuses_of_different_messages_move_independently()
    {
        var state = Given(StatusChanged(DeliveryStatus.Read, "wamid.out1"), StatusChanged(DeliveryStatus.Sent, "wamid.out2"));

        Assert.Equal([StatusChanged(DeliveryStatus.Delivered, "wamid.out2")], Apply(state, Status(DeliveryStatus.Delivered, "wamid.out2")));
        Assert.Empty(Apply(state, Status(DeliveryStatus.Delivered, "wamid.out1")));
    }

    [Fact]
    public void Folding_statuses_appended_out_of_order_keeps_the_furthest()
    {
        // Two writers deciding on the same version could both append; the fold still never moves back.
        var state = Given(StatusChanged(DeliveryStatus.Read), StatusChanged(DeliveryStatus.Delivered), StatusChanged(DeliveryStatus.Sent));

        Assert.Equal(DeliveryStatus.Read, state.StatusOf("wamid.out1"));
    }

    [Fact]
    public void Statuses_do_not_count_as_messages_or_refresh_the_window()
    {
        var state = Given(Received(sentAt: StartedAt), StatusChanged(DeliveryStatus.Read, at: StartedAt.AddHours(30)));

        Assert.Equal((1, 1, StartedAt), (state.MessageCount, state.UnreadCount, state.LastMessageAt));
        Assert.Equal(StartedAt.AddHours(24), state.WindowExpiresAt);
    }
}
