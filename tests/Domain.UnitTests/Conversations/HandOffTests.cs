using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class HandOffTests
{
    private static ConversationHandedOff HandedOff { get; } = new(ConversationId, "Customer asks for a refund", StartedAt);

    private static ConversationClosed Closed { get; } = new(ConversationId, StartedAt.AddMinutes(1));

    [Fact]
    public void Hand_off_automated_conversation_emits_the_hand_off_with_trimmed_reason()
    {
        var events = ConversationDecider.HandOffToHuman(Given(), "  Customer asks for a refund ", Now);

        Assert.Equal([new ConversationHandedOff(ConversationId, "Customer asks for a refund", Now)], events);
        Assert.Equal(Handler.Human, Fold(Given(), events)!.Handler);
    }

    [Fact]
    public void Hand_off_when_already_human_emits_nothing()
    {
        Assert.Empty(ConversationDecider.HandOffToHuman(Given(HandedOff), "Another reason", Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Hand_off_without_reason_is_refused(string reason)
    {
        Assert.Equal("HANDOFF_REASON_REQUIRED", Refused(() => ConversationDecider.HandOffToHuman(Given(), reason, Now)).Reason);
    }

    [Fact]
    public void Hand_off_closed_conversation_is_refused()
    {
        var refused = Refused(() => ConversationDecider.HandOffToHuman(Given(Closed), "Customer asks for a refund", Now));

        Assert.Equal(("CONVERSATION_CLOSED", RuleKind.Precondition), (refused.Reason, refused.Kind));
    }

    [Fact]
    public void Resume_human_conversation_emits_the_resumption()
    {
        var state = Given(HandedOff);

        var events = ConversationDecider.ResumeAutomation(state, Now);

        Assert.Equal([new AutomationResumed(ConversationId, Now)], events);
        Assert.Equal(Handler.Automation, Fold(state, events)!.Handler);
    }

    [Fact]
    public void Resume_automated_conversation_emits_nothing()
    {
        Assert.Empty(ConversationDecider.ResumeAutomation(Given(), Now));
        Assert.Empty(ConversationDecider.ResumeAutomation(Given(HandedOff, new AutomationResumed(ConversationId, StartedAt)), Now));
    }

    [Fact]
    public void Resume_closed_conversation_is_refused()
    {
        Assert.Equal("CONVERSATION_CLOSED", Refused(() => ConversationDecider.ResumeAutomation(Given(HandedOff, Closed), Now)).Reason);
    }
}
