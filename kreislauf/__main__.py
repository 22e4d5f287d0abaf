from kreislauf.cli import main

main()
