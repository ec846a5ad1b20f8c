using Microsoft.EntityFrameworkCore;

namespace PesanAI.Infrastructure.Identity;

public static class AuthStore
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", AuthDbContext.Schema));
        options.UseOpenIddict();
    }
}
