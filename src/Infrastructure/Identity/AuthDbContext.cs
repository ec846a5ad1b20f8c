using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace PesanAI.Infrastructure.Identity;

/// <summary>
/// The identity store in schema <c>auth</c>: OpenIddict's applications, authorizations, scopes and tokens,
/// and the Data Protection key ring. Its schema is managed by EF Core migrations (Migrations/).
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "auth";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.Entity<SigningKeyRecord>().ToTable("signing_keys").HasKey(k => k.Id);
        base.OnModelCreating(modelBuilder);
    }
}
