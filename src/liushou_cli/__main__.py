from liushou_cli.cli.app import main

main()
