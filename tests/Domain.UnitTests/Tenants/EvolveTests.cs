using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class EvolveTests
{
    [Fact]
    public void Created_tenant_is_active_with_empty_profile_and_no_phone_numbers()
    {
        var state = Tenant.Start(Created);

        TenantStateAssert.Equivalent(
            new Tenant(TenantId, "Toko Maju", "Asia/Jakarta", "id", TenantStatus.Active, null, BusinessProfile.Empty, [], CreatedAt, CreatedAt),
            state);
    }

    [Fact]
    public void Business_profile_update_replaces_the_profile()
    {
        var profile = Profile();

        var state = Given(new BusinessProfileUpdated(TenantId, profile, Now));

        Assert.Equal(profile, state.Profile);
        Assert.Equal(Now, state.UpdatedAt);
        Assert.Equal(CreatedAt, state.CreatedAt);
    }

    [Fact]
    public void Phone_number_registration_adds_the_number_with_its_protected_secrets()
    {
        var state = Given(Registered("1065550001", at: Now));

        var number = Assert.Single(state.PhoneNumbers);
        Assert.Equal(
            new RegisteredPhoneNumber("1065550001", "+6281234567890", "2087650001", "protected-token-1065550001", "protected-secret-1065550001", "sha256-1065550001", "Sales", Now),
            number);
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void Phone_number_removal_drops_only_that_number()
    {
        var state = Given(Registered("1065550001"), Registered("1065550002"), new PhoneNumberRemoved(TenantId, "1065550001", Now));

        Assert.Equal(["1065550002"], state.PhoneNumbers.Select(p => p.PhoneNumberId));
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void Suspension_records_the_reason_and_reactivation_clears_it()
    {
        var suspended = Given(Suspended("Unpaid invoice", at: Now));
        var reactivated = suspended.Evolve(new TenantReactivated(TenantId, Now.AddDays(1)));

        Assert.Equal((TenantStatus.Suspended, "Unpaid invoice", Now), (suspended.Status, suspended.SuspensionReason, suspended.UpdatedAt));
        Assert.Equal((TenantStatus.Active, null, Now.AddDays(1)), (reactivated.Status, reactivated.SuspensionReason, reactivated.UpdatedAt));
    }

    [Fact]
    public void Replaying_the_same_events_twice_gives_equal_state()
    {
        // Built twice so that no list is shared between the two replays.
        static object[] History() =>
        [
            new BusinessProfileUpdated(TenantId, Profile(), CreatedAt.AddMinutes(1)),
            Registered("1065550001", at: CreatedAt.AddMinutes(2)),
            Registered("1065550002", at: CreatedAt.AddMinutes(3)),
            new PhoneNumberRemoved(TenantId, "1065550001", CreatedAt.AddMinutes(4)),
            Suspended(at: CreatedAt.AddMinutes(5)),
        ];

        var first = Given(History());
        var second = Given(History());

        TenantStateAssert.Equivalent(first, second);
    }

    [Fact]
    public void States_that_differ_in_a_phone_number_are_not_equivalent()
    {
        var one = Given(Registered("1065550001"));
        var other = Given(Registered("1065550002"));

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => TenantStateAssert.Equivalent(one, other));
    }
}
