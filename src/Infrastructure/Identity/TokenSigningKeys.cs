using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PesanAI.Infrastructure.Identity;

/// <summary>
/// The RSA key that signs access tokens, kept in the identity store so tokens stay valid across restarts
/// and across nodes. Created on first use; when two nodes race, the first row wins and both use it.
/// </summary>
public sealed class TokenSigningKeys(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string CurrentKeyId = "access-token-signing-1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("PesanAI.Identity.SigningKeys.v1");

    public (string KeyId, RSA Key) LoadOrCreate()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var record = db.SigningKeys.AsNoTracking().SingleOrDefault(k => k.Id == CurrentKeyId);
        if (record is null)
        {
            using var created = RSA.Create(2048);
            db.SigningKeys.Add(new SigningKeyRecord
            {
                Id = CurrentKeyId,
                ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(created.ExportPkcs8PrivateKey())),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another node stored its key first: use that one.
            }

            record = db.SigningKeys.AsNoTracking().Single(k => k.Id == CurrentKeyId);
        }

        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(record.ProtectedPrivateKey)), out _);
        return (record.Id, key);
    }
}
