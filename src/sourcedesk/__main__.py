from sourcedesk.cli import main

main()
