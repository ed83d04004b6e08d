from pamplemousse.cli import main

main()
