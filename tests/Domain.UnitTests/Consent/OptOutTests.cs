using PesanAI.Domain.Consent;
using static PesanAI.Domain.UnitTests.Consent.ConsentHistory;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class OptOutTests
{
    [Fact]
    public void Opt_out_without_a_ledger_is_recorded_and_needs_no_evidence()
    {
        var events = OptOut(null);

        Assert.Equal([new OptedOut(CustomerId, Customer, OptOutScope.Marketing, ConsentSource.Api, null, Now, Now)], events);
        var state = Fold(null, events)!;
        Assert.True(state.HasOptedOut(ConsentPurpose.Marketing));
        Assert.False(state.Allows(ConsentPurpose.Marketing));
        Assert.False(state.HasOptedOut(ConsentPurpose.Utility));
    }

    [Fact]
    public void Opt_out_after_opt_in_stops_that_purpose_only()
    {
        var state = Given(In(ConsentPurpose.Marketing), In(ConsentPurpose.Utility));

        var after = Fold(state, OptOut(state, OptOutScope.Marketing))!;

        Assert.True(after.HasOptedOut(ConsentPurpose.Marketing));
        Assert.True(after.Allows(ConsentPurpose.Utility));
    }

    [Fact]
    public void A_STOP_in_the_same_second_as_an_opt_in_wins_though_Meta_stamps_it_without_milliseconds()
    {
        // The web form's opt-in carries milliseconds; the STOP message's timestamp is whole seconds.
        var optedInAt = Earlier.AddMilliseconds(700);
        var state = Given(In(ConsentPurpose.Marketing, collectedAt: optedInAt));

        var after = Fold(state, ConsentDecider.OptOut(state, CustomerId, Customer, OptOutScope.Marketing, ConsentSource.Keyword, "STOP", Earlier, Now))!;

        Assert.True(after.HasOptedOut(ConsentPurpose.Marketing));
    }

    [Fact]
    public void Opt_out_twice_records_nothing_the_second_time()
    {
        Assert.Empty(OptOut(Given(Out(collectedAt: Earlier))));
    }

    [Fact]
    public void Opt_out_of_all_covers_every_purpose_and_says_so()
    {
        var state = Given(In(ConsentPurpose.Marketing), In(ConsentPurpose.Automation));

        var after = Fold(state, OptOut(state, OptOutScope.All))!;

        Assert.All(ConsentPurposes.All, p => Assert.True(after.HasOptedOut(p)));
        Assert.All(ConsentPurposes.All, p => Assert.True(after.For(p)!.AllPurposes));
    }

    [Fact]
    public void Opt_out_of_all_is_recorded_when_only_some_purposes_change()
    {
        var state = Given(Out(OptOutScope.Marketing));

        Assert.Single(OptOut(state, OptOutScope.All));
        Assert.Empty(OptOut(Given(Out(OptOutScope.All)), OptOutScope.All));
        Assert.Empty(OptOut(Given(Out(OptOutScope.All)), OptOutScope.Utility));
    }

    [Fact]
    public void Opt_out_collected_before_the_latest_opt_in_records_nothing()
    {
        var state = Given(Out(collectedAt: Earlier), In(collectedAt: Earlier.AddMinutes(2)));

        Assert.Empty(OptOut(state, collectedAt: Earlier.AddMinutes(1)));
        Assert.True(state!.Allows(ConsentPurpose.Marketing));
    }

    [Fact]
    public void Opt_out_evidence_when_given_obeys_the_evidence_rules()
    {
        Assert.Equal("EVIDENCE_TOO_LONG", Refused(() => OptOut(null, evidence: new string('x', 1001))).Reason);
        Assert.Equal("Customer phoned the store", Assert.IsType<OptedOut>(Assert.Single(OptOut(null, evidence: " Customer phoned the store "))).Evidence);
    }

    [Fact]
    public void Absent_record_allows_nothing_and_is_not_opted_out()
    {
        Assert.All(ConsentPurposes.All, p =>
        {
            Assert.False(ConsentRecord.Allows(null, p));
            Assert.False(ConsentRecord.HasOptedOut(null, p));
        });
    }

    [Fact]
    public void The_deciding_statement_is_kept_per_purpose()
    {
        var state = Given(In(ConsentPurpose.Marketing, collectedAt: Earlier), Out(collectedAt: Earlier.AddMinutes(3), evidence: "BERHENTI"))!;

        var marketing = state.For(ConsentPurpose.Marketing)!;
        Assert.Equal(new PurposeConsent(ConsentPurpose.Marketing, ConsentStatus.OptedOut, ConsentSource.Keyword, "BERHENTI", Earlier.AddMinutes(3), Earlier.AddMinutes(3)), marketing);
        Assert.Equal(Earlier.AddMinutes(3), state.UpdatedAt);
        Assert.Equal(Earlier, state.CreatedAt);
    }
}
