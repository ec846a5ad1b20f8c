using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PesanAI.Infrastructure.Identity;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the host.</summary>
public sealed class AuthDbContextFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AuthDbContext>();
        AuthStore.Configure(options, "Host=localhost;Database=design_time_only");
        return new AuthDbContext(options.Options);
    }
}
