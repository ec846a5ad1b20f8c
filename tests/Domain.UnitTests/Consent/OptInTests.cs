using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Consent.ConsentHistory;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class OptInTests
{
    [Fact]
    public void Opt_in_without_a_ledger_starts_it_with_the_statement()
    {
        var events = OptIn(null, collectedAt: Earlier);

        Assert.Equal([new OptedIn(CustomerId, Customer, ConsentPurpose.Marketing, ConsentSource.WebForm, FormUrl, Earlier, Now)], events);
        var state = Fold(null, events)!;
        Assert.True(state.Allows(ConsentPurpose.Marketing));
        Assert.False(state.Allows(ConsentPurpose.Utility));
        Assert.Equal(ConsentStatus.None, state.StatusOf(ConsentPurpose.Automation));
    }

    [Fact]
    public void Opt_in_after_opt_out_opts_in_again()
    {
        var state = Given(In(collectedAt: Earlier), Out(collectedAt: Earlier.AddMinutes(5)));

        var events = OptIn(state);

        Assert.IsType<OptedIn>(Assert.Single(events));
        Assert.True(Fold(state, events)!.Allows(ConsentPurpose.Marketing));
    }

    [Fact]
    public void Opt_in_while_opted_in_records_nothing()
    {
        Assert.Empty(OptIn(Given(In(collectedAt: Earlier))));
    }

    [Fact]
    public void Opt_in_to_another_purpose_is_recorded_and_keeps_the_first()
    {
        var state = Given(In(ConsentPurpose.Marketing));

        var after = Fold(state, OptIn(state, ConsentPurpose.Utility))!;

        Assert.True(after.Allows(ConsentPurpose.Marketing));
        Assert.True(after.Allows(ConsentPurpose.Utility));
    }

    [Fact]
    public void Opt_in_collected_before_the_latest_opt_out_records_nothing()
    {
        // An import of last year's form must not undo the STOP the customer sent last week.
        var state = Given(Out(collectedAt: Earlier));

        Assert.Empty(OptIn(state, collectedAt: Earlier.AddDays(-300)));
        Assert.True(state!.HasOptedOut(ConsentPurpose.Marketing));
    }

    [Theory]
    [InlineData(null, "EVIDENCE_REQUIRED")]
    [InlineData("   ", "EVIDENCE_REQUIRED")]
    [InlineData("https://", "EVIDENCE_INVALID_URL")]
    [InlineData("https://toko maju.id/form", "EVIDENCE_INVALID_URL")]
    [InlineData("www.", "EVIDENCE_INVALID_URL")]
    public void Opt_in_without_usable_evidence_is_refused(string? evidence, string reason)
    {
        Assert.Equal(reason, Refused(() => OptIn(null, evidence: evidence)).Reason);
    }

    [Fact]
    public void Evidence_has_at_most_1000_characters()
    {
        Assert.Single(OptIn(null, evidence: new string('x', ConsentEvidence.MaxLength)));
        Assert.Equal("EVIDENCE_TOO_LONG", Refused(() => OptIn(null, evidence: new string('x', ConsentEvidence.MaxLength + 1))).Reason);
    }

    [Theory]
    [InlineData("Signed paper form, store #12, kept in the binder for January")]
    [InlineData("https://tokomaju.id/langganan")]
    [InlineData("http://forms.example/consent/123?x=1")]
    public void Evidence_is_a_url_or_a_text_kept_trimmed(string evidence)
    {
        var opted = Assert.IsType<OptedIn>(Assert.Single(OptIn(null, evidence: "  " + evidence + "\n")));

        Assert.Equal(evidence, opted.Evidence);
    }

    [Fact]
    public void Collected_in_the_future_is_refused_within_a_little_clock_skew()
    {
        Assert.Equal("COLLECTED_IN_FUTURE", Refused(() => OptIn(null, collectedAt: Now.AddMinutes(5))).Reason);
        Assert.Single(OptIn(null, collectedAt: Now.AddSeconds(30)));
    }

    [Fact]
    public void A_statement_names_the_customer()
    {
        Assert.Equal("CUSTOMER_REQUIRED", Refused(() => OptIn(null, customer: new CustomerIdentity(null, null))).Reason);
    }

    [Fact]
    public void The_ledger_learns_the_customers_other_name()
    {
        var state = Given(In());

        var after = Fold(state, OptIn(state, ConsentPurpose.Utility, customer: new CustomerIdentity(null, "ID.1234")))!;

        Assert.Equal(new CustomerIdentity("6281234567890", "ID.1234"), after.Customer);
    }
}
