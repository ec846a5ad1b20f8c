using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Messaging;

public sealed class DispatchDeciderTests
{
    private static readonly Guid MessageId = Guid.Parse("0199a4e0-0000-7000-8000-0000000000b2");

    private static readonly MessageError Throttled = new(130429, "Rate limit hit");

    private static OutboundProgress After(params object[] events) => events.Aggregate(OutboundProgress.Queued, (p, e) => p.Evolve(e));

    [Fact]
    public void A_queued_message_gets_its_first_attempt()
    {
        var attempted = Assert.IsType<SendAttempted>(Assert.Single(DispatchDecider.Attempt(ConversationId, MessageId, OutboundProgress.Queued, Now)));

        Assert.Equal(1, attempted.Attempt);
    }

    [Fact]
    public void An_attempt_without_an_outcome_is_in_doubt_and_not_sent_again()
    {
        var progress = After(new SendAttempted(ConversationId, MessageId, 1, Now));

        var events = DispatchDecider.Attempt(ConversationId, MessageId, progress, Now);

        Assert.IsType<SendInDoubt>(Assert.Single(events));
        Assert.Equal(SendState.InDoubt, events.Aggregate(progress, (p, e) => p.Evolve(e)).State);
    }

    [Fact]
    public void A_deferred_message_is_tried_again_with_the_next_attempt_number()
    {
        var progress = After(new SendAttempted(ConversationId, MessageId, 1, Now), new SendDeferred(ConversationId, MessageId, 1, Throttled, Now, Now));

        var attempted = Assert.IsType<SendAttempted>(Assert.Single(DispatchDecider.Attempt(ConversationId, MessageId, progress, Now)));

        Assert.Equal(2, attempted.Attempt);
    }

    [Theory]
    [InlineData(SendState.InDoubt)]
    [InlineData(SendState.Accepted)]
    [InlineData(SendState.Failed)]
    public void Settled_or_doubtful_messages_are_not_attempted(SendState state)
    {
        Assert.Empty(DispatchDecider.Attempt(ConversationId, MessageId, new OutboundProgress(state, 1, null), Now));
    }

    [Fact]
    public void Not_reached_is_deferred_until_the_last_attempt_then_failed()
    {
        var outcome = new SendOutcome.NotReached(Throttled, TimeSpan.FromSeconds(2));

        var deferred = Assert.IsType<SendDeferred>(Assert.Single(DispatchDecider.Outcome(ConversationId, MessageId, 1, outcome, 3, Now)));
        var failed = Assert.IsType<MessageFailed>(Assert.Single(DispatchDecider.Outcome(ConversationId, MessageId, 3, outcome, 3, Now)));

        Assert.Equal(Now.AddSeconds(2), deferred.RetryAt);
        Assert.Equal(130429, failed.Error.Code);
    }

    [Fact]
    public void Refused_is_final_and_accepted_records_the_wamid()
    {
        Assert.IsType<MessageFailed>(Assert.Single(DispatchDecider.Outcome(ConversationId, MessageId, 1, new SendOutcome.Refused(new(131026, "Undeliverable")), 3, Now)));
        Assert.Equal("wamid.x", Assert.IsType<MessageAccepted>(Assert.Single(DispatchDecider.Outcome(ConversationId, MessageId, 1, new SendOutcome.Accepted("wamid.x"), 3, Now))).Wamid);
    }

    [Fact]
    public void A_status_webhook_settles_a_message_in_doubt_once()
    {
        var doubtful = After(new SendAttempted(ConversationId, MessageId, 1, Now), new SendInDoubt(ConversationId, MessageId, 1, "timeout", Now));

        var settled = DispatchDecider.Settle(ConversationId, MessageId, doubtful, "wamid.y", Now);
        var progress = settled.Aggregate(doubtful, (p, e) => p.Evolve(e));

        Assert.Equal(new OutboundProgress(SendState.Accepted, 1, "wamid.y"), progress);
        Assert.Empty(DispatchDecider.Settle(ConversationId, MessageId, progress, "wamid.y", Now));
    }

    [Fact]
    public void Late_outcomes_never_move_an_accepted_message_back()
    {
        var accepted = After(new SendAttempted(ConversationId, MessageId, 1, Now), new MessageAccepted(ConversationId, MessageId, "wamid.z", Now));

        var after = After(new SendAttempted(ConversationId, MessageId, 1, Now), new MessageAccepted(ConversationId, MessageId, "wamid.z", Now), new SendInDoubt(ConversationId, MessageId, 1, "late", Now), new MessageFailed(ConversationId, MessageId, Throttled, Now));

        Assert.Equal(accepted, after);
    }

    [Fact]
    public void A_person_gives_up_a_message_in_doubt_and_it_ends_failed_with_the_note()
    {
        var doubtful = After(new SendAttempted(ConversationId, MessageId, 1, Now), new SendInDoubt(ConversationId, MessageId, 1, "timeout", Now));

        var events = DispatchDecider.Abandon(ConversationId, MessageId, doubtful, null, "customer confirmed by phone", Now);

        var failed = Assert.IsType<MessageFailed>(Assert.Single(events));
        Assert.Equal(new MessageError(0, DispatchDecider.AbandonedInDoubt, "customer confirmed by phone", "given up by a person"), failed.Error);
        Assert.Equal(SendState.Failed, events.Aggregate(doubtful, (p, e) => p.Evolve(e)).State);
    }

    [Fact]
    public void A_resent_message_in_doubt_names_its_copy_and_an_empty_note_is_none()
    {
        var copy = Guid.Parse("0199a4e0-0000-7000-8000-0000000000c3");

        var failed = Assert.IsType<MessageFailed>(Assert.Single(DispatchDecider.Abandon(ConversationId, MessageId, new OutboundProgress(SendState.InDoubt, 2, null), copy, "", Now)));

        Assert.Equal($"resent as message {copy:D}", failed.Error.Details);
        Assert.Null(failed.Error.Message);
    }

    [Theory]
    [InlineData(SendState.Queued)]
    [InlineData(SendState.Attempting)]
    [InlineData(SendState.Deferred)]
    [InlineData(SendState.Accepted)]
    [InlineData(SendState.Failed)]
    public void Only_a_message_in_doubt_is_settled_by_hand(SendState state)
    {
        var refused = Assert.Throws<DomainException>(() => DispatchDecider.Abandon(ConversationId, MessageId, new OutboundProgress(state, 1, null), null, null, Now));

        Assert.Equal(("NOT_IN_DOUBT", RuleKind.Precondition), (refused.Reason, refused.Kind));
    }
}
