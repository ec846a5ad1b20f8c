using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class NumberHealthTests
{
    private const string Waba = "2087650001";

    private static Tenant Apply(Tenant state, IReadOnlyList<object> events) => events.Aggregate(state, (s, e) => s.Evolve(e));

    [Fact]
    public void A_check_records_what_Meta_said_and_the_limit_of_the_number_s_account()
    {
        var state = Given(Registered());

        var events = NumberHealthDecider.Checked(state, "1065550001", new PhoneNumberSnapshot("green", "STANDARD", false, "APPROVED", "CONNECTED", "TIER_2K"), Now);
        var after = Apply(state, events);

        var health = after.FindPhoneNumber("1065550001")!.Health;
        Assert.Equal(("GREEN", "STANDARD", Now, Now), (health.QualityRating, health.ThroughputLevel, health.QualityUpdatedAt, health.CheckedAt));
        Assert.Equal(("TIER_2K", (DateTimeOffset?)Now), (after.FindAccount(Waba)!.MessagingLimitTier, after.FindAccount(Waba)!.MessagingLimitUpdatedAt));
        Assert.Equal(80, NumberThroughput.PerSecond(health));
    }

    [Fact]
    public void A_value_that_did_not_change_keeps_the_time_it_changed()
    {
        var state = Given(Registered());
        var snapshot = new PhoneNumberSnapshot("GREEN", "STANDARD", false, null, null, "TIER_2K");
        state = Apply(state, NumberHealthDecider.Checked(state, "1065550001", snapshot, Now));

        var events = NumberHealthDecider.Checked(state, "1065550001", snapshot, Now.AddHours(1));
        var after = Apply(state, events);

        Assert.DoesNotContain(events, e => e is MessagingLimitChanged);
        Assert.Equal(Now, after.FindPhoneNumber("1065550001")!.Health.QualityUpdatedAt);
        Assert.Equal(Now.AddHours(1), after.FindPhoneNumber("1065550001")!.Health.CheckedAt);
    }

    [Theory]
    [InlineData("THROUGHPUT_UPGRADE", "HIGH", 1000d)]
    [InlineData("DOWNGRADE", "STANDARD", 80d)]
    [InlineData("THROUGHPUT_DOWNGRADE", "STANDARD", 80d)]
    public void Quality_events_move_the_throughput_level(string metaEvent, string level, double perSecond)
    {
        var state = Given(Registered(), new PhoneNumberHealthChecked(TenantId, "1065550001", "GREEN", metaEvent == "THROUGHPUT_UPGRADE" ? "STANDARD" : "HIGH", false, null, null, Now));

        var after = Apply(state, NumberHealthDecider.QualityUpdated(state, Waba, "6281234567890", metaEvent, null, Now));

        var health = after.FindPhoneNumber("1065550001")!.Health;
        Assert.Equal((level, perSecond, metaEvent), (health.ThroughputLevel, NumberThroughput.PerSecond(health), health.LastEvent));
    }

    [Fact]
    public void A_quality_update_finds_the_number_by_display_number_under_its_WABA_only_and_a_redelivery_adds_nothing()
    {
        var state = Given(Registered());

        var otherWaba = NumberHealthDecider.QualityUpdated(state, "999", "6281234567890", "FLAGGED", null, Now);
        var events = NumberHealthDecider.QualityUpdated(state, Waba, "+62 812-3456-7890", "FLAGGED", "TIER_1K", Now);
        var after = Apply(state, events);
        var again = NumberHealthDecider.QualityUpdated(after, Waba, "6281234567890", "FLAGGED", "TIER_1K", Now.AddMinutes(1));

        Assert.Empty(otherWaba);
        Assert.True(after.FindPhoneNumber("1065550001")!.Health.Flagged);
        Assert.Equal("TIER_1K", after.FindAccount(Waba)!.MessagingLimitTier);
        Assert.Empty(again);
    }

    [Fact]
    public void Account_updates_set_restrictions_ban_state_and_violations_and_lifting_clears_them()
    {
        var state = Given(Registered());
        var restriction = new AccountRestriction(AccountRestriction.BusinessInitiated, Now.AddDays(1));

        state = Apply(state, NumberHealthDecider.AccountUpdated(state, Waba, new AccountUpdate("ACCOUNT_RESTRICTION", [restriction], null, null), Now));
        state = Apply(state, NumberHealthDecider.AccountUpdated(state, Waba, new AccountUpdate("DISABLED_UPDATE", null, null, "disable"), Now));
        state = Apply(state, NumberHealthDecider.AccountUpdated(state, Waba, new AccountUpdate("ACCOUNT_VIOLATION", null, "SCAM", null), Now));
        var restricted = state.FindAccount(Waba)!;
        state = Apply(state, NumberHealthDecider.AccountUpdated(state, Waba, new AccountUpdate("ACCOUNT_RESTRICTION", [], null, null), Now.AddHours(1)));

        Assert.Equal([restriction], restricted.Restrictions);
        Assert.True(restricted.IsBanned);
        Assert.Equal("SCAM", restricted.LastViolation);
        Assert.True(restricted.IsRestricted(AccountRestriction.BusinessInitiated, Now));
        Assert.False(restricted.IsRestricted(AccountRestriction.BusinessInitiated, Now.AddDays(2)));
        Assert.Empty(state.FindAccount(Waba)!.Restrictions);
        Assert.Empty(NumberHealthDecider.AccountUpdated(state, "999", new AccountUpdate("DISABLED_UPDATE", null, null, "DISABLE"), Now));
    }

    [Theory]
    [InlineData("TIER_250", 250, true)]
    [InlineData("TIER_2K", 2000, true)]
    [InlineData("TIER_100K", 100_000, true)]
    [InlineData("TIER_50", 50, true)]
    [InlineData("1000", 1000, true)]
    [InlineData("TIER_UNLIMITED", null, true)]
    [InlineData("TIER_NOT_SET", null, false)]
    [InlineData("TIER_SOMETHING", null, false)]
    public void Messaging_limit_tiers_old_and_new_read_as_customers(string tier, int? customers, bool known)
    {
        Assert.Equal((customers, known), (MessagingLimits.MaxCustomers(tier, out var isKnown), isKnown));
    }

    [Fact]
    public void A_number_shared_with_the_business_app_is_fixed_at_20_per_second()
    {
        Assert.Equal(20, NumberThroughput.PerSecond(new NumberHealth { ThroughputLevel = "HIGH", SharedWithBusinessApp = true }));
    }
}
