using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.UnitTests.Team;

/// <summary>
/// Compares credentials by content: <see cref="CredentialCreated.Scopes"/> and <see cref="Credential.Scopes"/> compare by
/// reference under record equality, so equal scopes from two places would never be equal with <c>Assert.Equal</c> alone.
/// </summary>
internal static class TeamAssert
{
    public static void Created(CredentialCreated expected, object actual)
    {
        var created = Assert.IsType<CredentialCreated>(actual);
        Assert.Equal<string>(expected.Scopes, created.Scopes);
        Assert.Equal(expected, created with { Scopes = expected.Scopes });
    }

    public static void Credentials(IReadOnlyList<Credential> expected, IReadOnlyList<Credential> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal<string>(want.Scopes, got.Scopes);
            Assert.Equal(want, got with { Scopes = want.Scopes });
        }
    }
}
