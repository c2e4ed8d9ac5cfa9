"""The NumJudge platform: domain models, services, settings, the web API and the CLI."""
