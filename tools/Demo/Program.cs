using PesanAI.Demo;

// The whole product loop against a running PesanAI (./pesanai demo starts it): a shop, its number at the Cloud API
// emulator, its knowledge base and AI switched on; customers write through the emulator; the AI answers from the
// knowledge base and hands a complaint to people. Exit code 0 only when every step showed what it should.
var settings = DemoSettings.FromEnvironment();
return await new DemoRun(settings).RunAsync() ? 0 : 1;
