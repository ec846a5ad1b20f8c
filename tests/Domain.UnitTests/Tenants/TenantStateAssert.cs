using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.UnitTests.Tenants;

/// <summary>
/// Compares tenant states by content. Record equality compares the list-valued members
/// (<see cref="Tenant.PhoneNumbers"/>, <see cref="BusinessProfile.Websites"/>) by reference,
/// so two replays of the same events would never be equal with <c>Assert.Equal</c> alone.
/// </summary>
internal static class TenantStateAssert
{
    public static void Equivalent(Tenant expected, Tenant actual)
    {
        Assert.Equal(expected.PhoneNumbers, actual.PhoneNumbers);
        Assert.Equal(expected.Profile.Websites, actual.Profile.Websites);

        // With the lists checked element by element, borrow them so record equality covers every other member.
        var rest = actual with
        {
            PhoneNumbers = expected.PhoneNumbers,
            Profile = actual.Profile with { Websites = expected.Profile.Websites },
        };
        Assert.Equal(expected, rest);
    }
}
