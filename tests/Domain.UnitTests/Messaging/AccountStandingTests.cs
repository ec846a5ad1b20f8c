using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;
using TenantHistory = PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Messaging;

/// <summary>A banned or restricted account, and the messaging limit, before queueing and at dispatch.</summary>
public sealed class AccountStandingTests
{
    private static readonly TemplateStanding Reminder = new(
        "pengingat", "id", TemplateCategory.Utility, TemplateStatus.Approved, new TemplateShape(TemplateParameterFormat.Positional, null, [], [], []));

    private static readonly SendCommand Template = new(
        Guid.Parse("0199a4e0-0000-7000-8000-0000000000b1"), new OutboundContent("template") { Template = new("pengingat", "id", [], []) }, null, MessageOrigin.Api, null);

    private static readonly SendCommand Text = new(Guid.Parse("0199a4e0-0000-7000-8000-0000000000b2"), OutboundContent.OfText("Baik."), null, MessageOrigin.Member, null);

    private static Tenant TenantWith(params object[] accountEvents) =>
        TenantHistory.Given([TenantHistory.Registered(), .. accountEvents]);

    private static NumberStanding Standing(params object[] accountEvents) => NumberStanding.Of(TenantWith(accountEvents), "1065550001", Now);

    private static string Refusal(Action send) => Assert.Throws<DomainException>(send).Reason;

    [Fact]
    public void A_restriction_of_business_initiated_messaging_refuses_templates_outside_the_window_only()
    {
        var number = Standing(new AccountRestrictionsChanged(TenantHistory.TenantId, "2087650001", [new AccountRestriction(AccountRestriction.BusinessInitiated, Now.AddDays(1))], Now));
        var open = Given(Received(sentAt: Now.AddHours(-1)));

        Assert.Equal("ACCOUNT_RESTRICTED", Refusal(() => SendDecider.Send(null, Started, Template, new SendRules(number, Reminder, ConsentStanding.None), Now)));
        Assert.Single(SendDecider.Send(open, Started, Text, new SendRules(number, null, ConsentStanding.None), Now));
        var inWindow = Assert.IsType<MessageQueued>(Assert.Single(SendDecider.Send(open, Started, Template, new SendRules(number, Reminder, ConsentStanding.None), Now)));
        Assert.False(inWindow.OutsideWindow);
    }

    [Fact]
    public void An_expired_restriction_refuses_nothing_and_the_send_is_marked_outside_the_window()
    {
        var number = Standing(new AccountRestrictionsChanged(TenantHistory.TenantId, "2087650001", [new AccountRestriction(AccountRestriction.BusinessInitiated, Now.AddMinutes(-1))], Now.AddDays(-1)));

        var events = SendDecider.Send(null, Started, Template, new SendRules(number, Reminder, ConsentStanding.None), Now);

        Assert.True(events.OfType<MessageQueued>().Single().OutsideWindow);
    }

    [Fact]
    public void A_banned_account_refuses_every_send_and_fails_queued_ones_at_dispatch()
    {
        var number = Standing(new AccountBanStateChanged(TenantHistory.TenantId, "2087650001", "DISABLE", Now));
        var open = Given(Received(sentAt: Now.AddHours(-1)));
        var queued = SendDecider.Send(open, Started, Text, new SendRules(NumberStanding.Usable, null, ConsentStanding.None), Now).OfType<MessageQueued>().Single();

        Assert.Equal("ACCOUNT_BANNED", Refusal(() => SendDecider.Send(open, Started, Text, new SendRules(number, null, ConsentStanding.None), Now)));
        Assert.Equal("ACCOUNT_BANNED", SendDecider.Recheck(queued, number, ConsentStanding.None, Now)!.Error.Title);
    }

    [Fact]
    public void A_restriction_arriving_after_queueing_fails_a_queued_business_initiated_send()
    {
        var queued = SendDecider.Send(null, Started, Template, new SendRules(NumberStanding.Usable, Reminder, ConsentStanding.None), Now).OfType<MessageQueued>().Single();
        var number = Standing(new AccountRestrictionsChanged(TenantHistory.TenantId, "2087650001", [new AccountRestriction(AccountRestriction.BusinessInitiated, null)], Now));

        Assert.Equal("ACCOUNT_RESTRICTED", SendDecider.Recheck(queued, number, ConsentStanding.None, Now)!.Error.Title);
    }

    [Theory]
    [InlineData(3, 2, false, true)]
    [InlineData(3, 3, false, false)]
    [InlineData(3, 3, true, true)]
    [InlineData(null, 1_000_000, false, true)]
    public void The_messaging_limit_admits_a_new_customer_only_below_it_and_a_known_one_always(int? limit, int reached, bool already, bool admitted)
    {
        var refused = Record.Exception(() => MessagingLimitDecider.Admit(limit, reached, already, "TIER_X"));

        Assert.Equal(admitted, refused is null);
        Assert.Equal(admitted ? null : MessagingLimitDecider.LimitReached, (refused as DomainException)?.Reason);
    }
}
