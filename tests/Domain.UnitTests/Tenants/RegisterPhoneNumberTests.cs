using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class RegisterPhoneNumberTests
{
    [Fact]
    public void Register_phone_number_emits_the_registration_with_protected_secrets()
    {
        var registration = Registration("1065550001");

        var events = TenantDecider.RegisterPhoneNumber(Given(), registration, Now);

        var registered = Assert.IsType<PhoneNumberRegistered>(Assert.Single(events));
        Assert.Equal(
            new PhoneNumberRegistered(
                TenantId,
                "1065550001",
                "+6281234567890",
                "2087650001",
                "protected-token-1065550001",
                "protected-secret-1065550001",
                "sha256-1065550001",
                "Sales",
                Now),
            registered);
    }

    [Fact]
    public void Registration_event_has_no_field_for_a_secret_in_clear()
    {
        string[] secretFields = [.. typeof(PhoneNumberRegistered).GetProperties()
            .Select(p => p.Name)
            .Where(name => name.Contains("Token", StringComparison.Ordinal) || name.Contains("Secret", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

        Assert.Equal(["ProtectedAccessToken", "ProtectedAppSecret", "VerifyTokenHash"], secretFields);
    }

    [Theory]
    [InlineData("+6281234567890")] // Indonesia
    [InlineData("+14155552671")] // United States
    [InlineData("+1234567")] // shortest: 7 digits
    [InlineData("+123456789012345")] // longest: 15 digits
    public void Register_phone_number_accepts_E164(string displayPhoneNumber)
    {
        var events = TenantDecider.RegisterPhoneNumber(Given(), Registration(displayPhoneNumber: displayPhoneNumber), Now);

        Assert.Equal(displayPhoneNumber, Assert.IsType<PhoneNumberRegistered>(Assert.Single(events)).DisplayPhoneNumber);
    }

    [Theory]
    [InlineData("6281234567890")] // no plus
    [InlineData("+0812345678")] // country code starts with 0
    [InlineData("+123456")] // too short: 6 digits
    [InlineData("+1234567890123456")] // too long: 16 digits
    [InlineData("+62812ABC7890")] // letters
    [InlineData("+62 812 3456 7890")] // spaces
    [InlineData("+6281234567890\n")] // a trailing newline, which $ would let through
    [InlineData("++6281234567890")]
    [InlineData("")]
    public void Register_phone_number_not_in_E164_is_refused(string displayPhoneNumber)
    {
        var refused = Refused(() => TenantDecider.RegisterPhoneNumber(Given(), Registration(displayPhoneNumber: displayPhoneNumber), Now));

        Assert.Equal("INVALID_PHONE_NUMBER", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Register_phone_number_twice_within_tenant_is_refused_as_already_existing()
    {
        var state = Given(Registered("1065550001"));

        var refused = Refused(() => TenantDecider.RegisterPhoneNumber(state, Registration("1065550001", "+6289876543210"), Now));

        Assert.Equal("PHONE_NUMBER_ALREADY_REGISTERED", refused.Reason);
        Assert.Equal(RuleKind.AlreadyExists, refused.Kind);
    }

    [Fact]
    public void Register_phone_number_again_after_removal_is_accepted()
    {
        var state = Given(Registered("1065550001"), new PhoneNumberRemoved(TenantId, "1065550001", CreatedAt));

        var events = TenantDecider.RegisterPhoneNumber(state, Registration("1065550001"), Now);

        Assert.IsType<PhoneNumberRegistered>(Assert.Single(events));
    }
}
