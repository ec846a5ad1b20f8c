using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Messaging;

public sealed class SendDeciderTests
{
    private static readonly Guid MessageId = Guid.Parse("0199a4e0-0000-7000-8000-0000000000a1");

    private static readonly TemplateStanding Promo = Standing("promo_11_11", TemplateCategory.Marketing, 0, 2);

    private static readonly TemplateStanding OrderUpdate = Standing("order_update", TemplateCategory.Utility, 1, 1);

    private static readonly ConsentStanding MarketingYes = ConsentStanding.None with { MarketingOptedIn = true };

    private static SendCommand Text(MessageOrigin origin = MessageOrigin.Api) => new(MessageId, OutboundContent.OfText("Masih ada, kak."), null, origin, "req-1");

    private static SendCommand Template(TemplateStanding standing, int header, int body) => new(
        MessageId,
        new OutboundContent("template") { Template = new(standing.Name, standing.Language, [.. Enumerable.Repeat("x", header)], [.. Enumerable.Repeat("y", body)]) },
        null,
        MessageOrigin.Api,
        null);

    /// <summary>An approved template in "id" with a text header of <paramref name="header"/> and a body of <paramref name="body"/> positional placeholders.</summary>
    private static TemplateStanding Standing(string name, TemplateCategory category, int header, int body) => new(
        name, "id", category, TemplateStatus.Approved,
        new TemplateShape(
            TemplateParameterFormat.Positional,
            header > 0 ? "TEXT" : null,
            [.. Enumerable.Range(1, header).Select(i => $"{i}")],
            [.. Enumerable.Range(1, body).Select(i => $"{i}")],
            []));

    private static SendRules Rules(TemplateStanding? template = null, ConsentStanding? consent = null, NumberStanding? number = null) =>
        new(number ?? NumberStanding.Usable, template, consent ?? ConsentStanding.None);

    private static Conversation WindowOpen() => Given(Received(sentAt: Now.AddHours(-2)));

    private static string Refusal(Action send) => Assert.Throws<DomainException>(send).Reason;

    [Fact]
    public void Send_inside_window_queues_the_message_for_the_customer()
    {
        var events = SendDecider.Send(WindowOpen(), Started, Text(), Rules(), Now);

        var queued = Assert.IsType<MessageQueued>(Assert.Single(events));
        Assert.Equal(MessageId, queued.MessageId);
        Assert.Equal(Customer.WaId, queued.Recipient);
        Assert.Equal(PhoneNumberId, queued.PhoneNumberId);
        Assert.Null(queued.Category);
        Assert.Equal("req-1", queued.RequestId);
    }

    [Fact]
    public void Send_outside_window_requires_template()
    {
        var state = Given(Received(sentAt: Now.AddHours(-24)));

        Assert.Equal("WINDOW_CLOSED", Refusal(() => SendDecider.Send(state, Started, Text(), Rules(), Now)));
    }

    [Fact]
    public void Free_form_to_a_customer_who_never_wrote_is_refused()
    {
        Assert.Equal("WINDOW_CLOSED", Refusal(() => SendDecider.Send(null, Started, Text(), Rules(), Now)));
    }

    [Fact]
    public void Template_outside_window_starts_the_conversation_when_there_is_none()
    {
        var events = SendDecider.Send(null, Started, Template(OrderUpdate, 1, 1), Rules(OrderUpdate), Now);

        Assert.Collection(
            events,
            e => Assert.Equal(Now, Assert.IsType<ConversationStarted>(e).StartedAt),
            e => Assert.Equal(TemplateCategory.Utility, Assert.IsType<MessageQueued>(e).Category));
    }

    [Fact]
    public void Marketing_template_without_opt_in_requires_consent()
    {
        Assert.Equal("CONSENT_REQUIRED", Refusal(() => SendDecider.Send(WindowOpen(), Started, Template(Promo, 0, 2), Rules(Promo), Now)));
    }

    [Fact]
    public void Marketing_template_with_opt_in_is_queued_as_marketing()
    {
        var events = SendDecider.Send(null, Started, Template(Promo, 0, 2), Rules(Promo, MarketingYes), Now);

        Assert.Equal(TemplateCategory.Marketing, events.OfType<MessageQueued>().Single().Category);
    }

    [Fact]
    public void Marketing_template_after_opt_out_is_refused_even_with_an_earlier_opt_in()
    {
        var consent = MarketingYes with { MarketingOptedOut = true };

        Assert.Equal("OPTED_OUT", Refusal(() => SendDecider.Send(WindowOpen(), Started, Template(Promo, 0, 2), Rules(Promo, consent), Now)));
    }

    [Fact]
    public void Utility_template_after_utility_opt_out_is_refused()
    {
        var consent = ConsentStanding.None with { UtilityOptedOut = true };

        Assert.Equal("OPTED_OUT", Refusal(() => SendDecider.Send(null, Started, Template(OrderUpdate, 1, 1), Rules(OrderUpdate, consent), Now)));
    }

    [Theory]
    [InlineData(TemplateStatus.Pending)]
    [InlineData(TemplateStatus.Rejected)]
    [InlineData(TemplateStatus.Paused)]
    [InlineData(TemplateStatus.Disabled)]
    public void Template_that_is_not_approved_is_refused(TemplateStatus status)
    {
        var standing = OrderUpdate with { Status = status };

        Assert.Equal("TEMPLATE_NOT_APPROVED", Refusal(() => SendDecider.Send(null, Started, Template(standing, 1, 1), Rules(standing), Now)));
    }

    [Fact]
    public void Unknown_template_is_refused_as_not_approved()
    {
        Assert.Equal("TEMPLATE_NOT_APPROVED", Refusal(() => SendDecider.Send(null, Started, Template(OrderUpdate, 1, 1), Rules(template: null), Now)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Template_with_the_wrong_parameter_count_is_refused(int header, int body)
    {
        Assert.Equal("PARAMETER_MISMATCH", Refusal(() => SendDecider.Send(null, Started, Template(OrderUpdate, header, body), Rules(OrderUpdate), Now)));
    }

    [Theory]
    [InlineData("suspended", "TENANT_SUSPENDED", 0)]
    [InlineData("removed", "NUMBER_SUSPENDED", 0)]
    [InlineData("token rejected", "NUMBER_SUSPENDED", 190)]
    public void A_number_that_cannot_send_is_refused_when_asked_and_fails_a_queued_message_when_taken(string what, string reason, int metaCode)
    {
        var number = NumberStanding.Of(TenantWhose(what), "1065550001");

        Assert.Equal(reason, Refusal(() => SendDecider.Send(WindowOpen(), Started, Text(), Rules(number: number), Now)));
        var failed = SendDecider.Recheck(Queued(TemplateCategory.Utility), number, ConsentStanding.None, Now);
        Assert.Equal((reason, metaCode), (failed?.Error.Title, failed?.Error.Code));
    }

    [Fact]
    public void A_usable_number_of_an_active_tenant_may_send()
    {
        var number = NumberStanding.Of(TenantWhose("active"), "1065550001");

        Assert.True(number.CanSend);
        Assert.Null(SendDecider.Recheck(Queued(TemplateCategory.Marketing), number, MarketingYes, Now));
    }

    [Theory]
    [InlineData(TemplateCategory.Marketing, true)]
    [InlineData(TemplateCategory.Utility, false)]
    public void A_marketing_opt_out_after_queueing_fails_only_a_marketing_message(TemplateCategory category, bool fails)
    {
        var failed = SendDecider.Recheck(Queued(category), NumberStanding.Usable, ConsentStanding.None with { MarketingOptedOut = true }, Now);

        Assert.Equal(fails ? ("OPTED_OUT", MetaErrorCodes.MarketingOptedOut) : (null, null), (failed?.Error.Title, failed?.Error.Code));
    }

    private static MessageQueued Queued(TemplateCategory category) => new(
        Started.ConversationId, MessageId, "1065550001", "6281234567890", OutboundContent.OfText("Promo"), null, MessageOrigin.Api, category, null, Now);

    private static Tenant TenantWhose(string what) => what switch
    {
        "suspended" => Tenants.TenantHistory.Given(Tenants.TenantHistory.Registered(), Tenants.TenantHistory.Suspended()),
        "removed" => Tenants.TenantHistory.Given(Tenants.TenantHistory.Registered("1065550002")),
        "token rejected" => Tenants.TenantHistory.Given(
            Tenants.TenantHistory.Registered(), new PhoneNumberTokenRejected(Tenants.TenantHistory.TenantId, "1065550001", Now)),
        _ => Tenants.TenantHistory.Given(Tenants.TenantHistory.Registered()),
    };

    [Fact]
    public void Ai_reply_respects_an_automation_opt_out_but_a_member_reply_does_not_need_it()
    {
        var consent = ConsentStanding.None with { AutomationOptedOut = true };

        Assert.Equal("OPTED_OUT", Refusal(() => SendDecider.Send(WindowOpen(), Started, Text(MessageOrigin.Ai), Rules(consent: consent), Now)));
        Assert.Single(SendDecider.Send(WindowOpen(), Started, Text(MessageOrigin.Member), Rules(consent: consent), Now));
    }

    [Fact]
    public void A_customer_known_only_by_user_id_is_sent_to_by_that_id()
    {
        var start = Started with { Customer = new CustomerIdentity(null, "ID.42") };

        var queued = SendDecider.Send(null, start, Template(OrderUpdate, 1, 1), Rules(OrderUpdate), Now).OfType<MessageQueued>().Single();

        Assert.Equal("ID.42", queued.Recipient);
        Assert.True(CustomerIdentity.IsUserId(queued.Recipient));
    }

    [Fact]
    public void The_wa_id_wins_when_both_are_known()
    {
        var start = Started with { Customer = new CustomerIdentity("6281234567890", "ID.42") };

        var queued = SendDecider.Send(null, start, Template(OrderUpdate, 1, 1), Rules(OrderUpdate), Now).OfType<MessageQueued>().Single();

        Assert.Equal("6281234567890", queued.Recipient);
        Assert.False(CustomerIdentity.IsUserId(queued.Recipient));
    }

    [Fact]
    public void An_authentication_template_to_a_user_id_is_refused_as_meta_would()
    {
        var otp = Standing("login_code", TemplateCategory.Authentication, 0, 1);
        var userOnly = Started with { Customer = new CustomerIdentity(null, "ID.42") };

        Assert.Equal("NOT_ALLOWED_FOR_USER_ID", Refusal(() => SendDecider.Send(null, userOnly, Template(otp, 0, 1), Rules(otp), Now)));
        Assert.Single(SendDecider.Send(null, Started, Template(otp, 0, 1), Rules(otp), Now).OfType<MessageQueued>());
    }

    [Fact]
    public void A_customer_with_no_identity_cannot_be_sent_to()
    {
        var start = Started with { Customer = new CustomerIdentity(null, null) };

        Assert.Equal("RECIPIENT_UNKNOWN", Refusal(() => SendDecider.Send(null, start, Template(OrderUpdate, 1, 1), Rules(OrderUpdate), Now)));
    }

    [Fact]
    public void Queued_message_counts_in_the_conversation_and_marking_read_clears_unread()
    {
        var state = WindowOpen();
        var queued = SendDecider.Send(state, Started, Text(), Rules(), Now);

        var after = queued.Aggregate(state, (s, e) => s.Evolve(e)).Evolve(new ConversationMarkedRead(ConversationId, "wamid.in1", Now));

        Assert.Equal(2, after.MessageCount);
        Assert.Equal(Now, after.LastMessageAt);
        Assert.Equal(0, after.UnreadCount);
    }
}
